"""Tagalog (Filipino). "Babala" for 警報 and "abiso" for 注意報; English loanwords kept where
Filipino news uses them (magnitude, aftershock, heat stroke)."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "[PAGSASANAY – hindi ito totoong alerto] {headline}",
    "test_headline": "[PAGSUBOK – hindi ito totoong alerto] {headline}",
    "corrected_headline": "[Itinama] {headline}",
    "label_value": "{label}: {value}",
    "detail_separator": "; ",
    "more_areas": "{count} pa",
    "areas_line": "Mga lugar: {areas}",
    "source_line": "Pinagmulan: {source}",
    "issued_line": "Inilabas: {time}",
    "valid_until_line": "May bisa hanggang: {time}",
    "origin_time_line": "Oras ng lindol: {time}",
    "epicentre_line": "Episentro: {place}",
    "magnitude_line": "Magnitude: {magnitude}",
    "depth_line": "Lalim: mga {depth}",
    "depth_very_shallow_line": "Lalim: napakababaw",
    "intensity": "lakas ng pagyanig {scale}",
    "intensity_or_more": "lakas ng pagyanig {scale} o higit pa",
    "intensity_range": "lakas ng pagyanig mula {lower} hanggang {upper}",
    "scale_lower": "{number} mababa",
    "scale_upper": "{number} mataas",
    "eew_headline": "Maagang Babala sa Lindol: inaasahan ang malakas na pagyanig sa {areas}",
    "eew_forecast_line": "Inaasahang pagyanig: {intensity}",
    "eew_action": (
        "Protektahan ang iyong ulo at sumilong sa ilalim ng matibay na mesa. Lumayo sa mga "
        "bintana at sa mga bagay na maaaring bumagsak. Huwag magmadaling tumakbo palabas."
    ),
    "quake_headline": "Lindol – pinakamalakas na pagyanig na naitala: {intensity}",
    "quake_action_strong": (
        "Mag-ingat sa mga aftershock. Lumayo sa mga nasirang gusali, pader, at matatarik na "
        "dalisdis, at sundin ang mga utos ng mga awtoridad."
    ),
    "quake_action_minor": (
        "Tiyaking ligtas ang iyong paligid at abangan ang karagdagang impormasyon."
    ),
    "tsunami_outlook_none": "Walang inaasahang tsunami mula sa lindol na ito.",
    "tsunami_outlook_slight": (
        "Maaaring may bahagyang pagbabago sa antas ng dagat, pero walang inaasahang pinsala."
    ),
    "tsunami_outlook_warning": "May umiiral na babala o abiso sa tsunami.",
    "major_tsunami_warning_headline": "Malaking Babala sa Tsunami: {areas}",
    "tsunami_warning_headline": "Babala sa Tsunami: {areas}",
    "tsunami_advisory_headline": "Abiso sa Tsunami: {areas}",
    "tsunami_forecast_headline": "Pagtataya sa Tsunami: {areas}",
    "tsunami_grade_major_warning": "Malaking babala sa tsunami",
    "tsunami_grade_warning": "Babala sa tsunami",
    "tsunami_grade_advisory": "Abiso sa tsunami",
    "tsunami_grade_slight": "Bahagyang pagbabago sa antas ng dagat",
    "tsunami_grade_lifted": "Inalis na ang babala o abiso",
    "tsunami_height": "inaasahang taas {height}",
    "tsunami_height_over": "higit sa {height}",
    "tsunami_height_huge": "napakalaki",
    "tsunami_height_high": "mataas",
    "tsunami_arrival": "inaasahang darating ang unang alon {time}",
    "tsunami_arrival_immediate": "darating kaagad",
    "tsunami_warning_action": (
        "Lumikas ngayon din sa mataas na lugar o sa itaas na palapag ng mataas at matibay na "
        "gusali. Huwag bumalik hangga't hindi inaalis ang babala."
    ),
    "tsunami_advisory_action": "Umahon agad sa tubig at lumayo sa dalampasigan.",
    "tsunami_forecast_action": "Mag-ingat sa dagat o malapit dito; walang inaasahang pinsala.",
    "weather_emergency_headline": "Emergency na babala: {phenomena}",
    "weather_warning_headline": "Babala sa panahon: {phenomena}",
    "weather_advisory_headline": "Abiso sa panahon: {phenomena}",
    "weather_lifted_headline": "Inalis na ang mga babala at abiso sa panahon: {areas}",
    "weather_emergency_item": "emergency na babala sa {phenomenon}",
    "weather_warning_item": "babala sa {phenomenon}",
    "weather_advisory_item": "abiso sa {phenomenon}",
    "weather_phenomena": {
        W.HEAVY_RAIN: "malakas na ulan",
        W.FLOOD: "baha",
        W.STORM: "napakalakas na hangin",
        W.SNOWSTORM: "bagyo ng niyebe",
        W.HEAVY_SNOW: "makapal na niyebe",
        W.HIGH_WAVES: "malalaking alon",
        W.STORM_SURGE: "daluyong",
        W.THUNDERSTORM: "kulog at kidlat",
        W.GALE: "malakas na hangin",
        W.WIND_AND_SNOW: "hangin at niyebe",
        W.SNOWMELT: "pagtunaw ng niyebe",
        W.DENSE_FOG: "makapal na hamog",
        W.DRY_AIR: "tuyong hangin",
        W.AVALANCHE: "pagguho ng niyebe",
        W.LOW_TEMPERATURE: "mababang temperatura",
        W.FROST: "hamog na nagyelo",
        W.ICING: "pagyeyelo",
        W.SNOW_ACCRETION: "pagdikit ng niyebe",
    },
    "weather_emergency_action": (
        "Nasa panganib ang iyong buhay. Iligtas ang sarili ngayon: pumunta sa evacuation center, "
        "o kung mapanganib lumabas, umakyat sa itaas na palapag na malayo sa mga dalisdis at ilog."
    ),
    "weather_warning_action": (
        "Iwasang lumabas, alamin ang impormasyon sa paglikas sa inyong lugar, at maghandang "
        "lumikas."
    ),
    "weather_advisory_action": (
        "Mag-ingat sa labas at alamin ang pinakabagong impormasyon sa panahon."
    ),
    "weather_lifted_action": (
        "Patuloy na mag-ingat: maaaring mapanganib pa rin ang mga ilog at dalisdis."
    ),
    "volcano_level_headline": "{volcano}: antas ng alerto sa bulkan {level} ({keyword})",
    "volcano_warning_headline": "{volcano}: {warning}",
    "volcano_level_keywords": (
        "Tandaang aktibong bulkan ito",
        "Bawal lumapit sa bunganga",
        "Bawal umakyat sa bulkan",
        "Lumikas ang matatanda at mabagal lumikas; maghanda ang iba",
        "Lumikas",
    ),
    "volcano_warning_residential": "Babala sa pagsabog (mga tirahan)",
    "volcano_warning_crater": "Babala sa pagsabog (paligid ng bunganga)",
    "volcano_warning_sea": "Babala sa pagsabog (karatig na dagat)",
    "volcano_warning_forecast": "Pagtataya sa pagsabog (aktibong bulkan)",
    "volcano_action_evacuate": (
        "Lumikas ngayon din mula sa mapanganib na lugar ayon sa utos ng munisipyo."
    ),
    "volcano_action_prepare": (
        "Matatanda at sinumang nangangailangan ng oras para lumikas: lumikas "
        "na ngayon. Ang iba: maghandang lumikas at huwag pumasok sa mapanganib "
        "na lugar."
    ),
    "volcano_action_keep_off_mountain": (
        "Huwag umakyat sa bulkan o pumasok sa mga ipinagbabawal na lugar."
    ),
    "volcano_action_keep_off_crater": "Huwag lumapit sa bunganga ng bulkan.",
    "volcano_action_sea": "Lumayo sa dagat sa paligid ng bulkan.",
    "volcano_action_aware": (
        "Aktibong bulkan ito: sundin ang lokal na patnubay at huwag pumasok sa mga saradong lugar."
    ),
    "heat_headline": "Alerto sa heat stroke: {areas}",
    "heat_special_headline": "Espesyal na alerto sa heat stroke: {areas}",
    "heat_wbgt_line": "Inaasahang heat index (WBGT): {wbgt}",
    "heat_date_line": "Petsa: {date}",
    "heat_action": (
        "Iwasan ang init: manatili sa lugar na may aircon, uminom ng tubig nang madalas, at "
        "huwag mag-ehersisyo sa labas."
    ),
    "heat_special_action": (
        "Mapanganib sa kalusugan ng lahat ang init na ito. Manatili sa malamig na lugar (gaya ng "
        "cooling shelter), uminom ng tubig nang madalas, at kumustahin ang mga tao sa paligid mo."
    ),
    "evacuation_level3_headline": (
        "Antas ng alerto 3 – lumikas na ang matatanda at ang mga "
        "nangangailangan ng oras para lumikas; maghanda ang iba: {areas}"
    ),
    "evacuation_level4_headline": "Antas ng alerto 4 – utos na lumikas: {areas}",
    "evacuation_level5_headline": "Antas ng alerto 5 – emergency, iligtas ang buhay: {areas}",
    "shelter_line": "Evacuation center: {shelter}",
    "nearest_shelter": "ang pinakamalapit na evacuation center",
    "evacuation_level3_action": (
        "Matatanda, may kapansanan at sinumang nangangailangan ng oras para "
        "lumikas: lumikas na ngayon sa {shelter}. Ang iba: maghandang lumikas."
    ),
    "evacuation_level4_action": (
        "Lumikas na ngayon sa {shelter}. Kung mapanganib lumabas, umakyat sa itaas na palapag ng "
        "matibay na gusali."
    ),
    "evacuation_level5_action": (
        "May sakunang nangyayari o malapit nang mangyari. Pumunta agad sa pinakaligtas na lugar "
        "na maaabot mo, gaya ng itaas na palapag na malayo sa mga dalisdis."
    ),
    "missile_headline": "Alerto sa missile: {areas}",
    "missile_action": (
        "Pumasok ngayon din sa loob ng matibay na gusali o sa ilalim ng lupa. Kung wala, "
        "magtago sa likod ng isang bagay o dumapa sa lupa at protektahan ang ulo. Lumayo sa mga "
        "bintana."
    ),
    "tsunami_arrival_estimated": "tinatayang dumarating na ngayon",
    "tsunami_arrival_observed": "naitala na ang unang alon",
    "tsunami_arrival_already": "tinatayang nakarating na",
    "tsunami_observed": "naobserbahang tsunami: {height}",
    "tsunami_observed_rising": "tumataas pa",
    "tsunami_height_under": "mas mababa sa {height}",
    "tsunami_warning_lifted_headline": "Inalis na ang Babala sa Tsunami: {areas}",
    "tsunami_advisory_lifted_headline": "Inalis na ang Abiso sa Tsunami: {areas}",
    "tsunami_lifted_action": (
        "Inalis na ang babala o abiso sa tsunami. Maaari pang bahagyang magbago ang antas ng "
        "dagat nang ilang panahon: mag-ingat kung lulusong sa dagat, lalangoy, o mangingisda."
    ),
    "magnitude_over_line": "Magnitude: higit sa {magnitude} (napakalakas na lindol)",
    "tsunami_outlook_investigating": "Sinisiyasat pa kung aabot sa Japan ang tsunami.",
    "quake_hypocentre_headline": "Lindol – episentro: {place}",
    "quake_distant_headline": "Malakas na lindol (o pagsabog ng bulkan) sa ibang bansa: {place}",
}
