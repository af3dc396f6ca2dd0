"""Nepali. Western digits, as JMA's Nepali pages and the numbers Babel formats use."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "[अभ्यास – यो वास्तविक चेतावनी होइन] {headline}",
    "test_headline": "[परीक्षण – यो वास्तविक चेतावनी होइन] {headline}",
    "corrected_headline": "[सच्याइएको] {headline}",
    "label_value": "{label}: {value}",
    "detail_separator": "; ",
    "more_areas": "थप {count} क्षेत्र",
    "areas_line": "क्षेत्र: {areas}",
    "source_line": "स्रोत: {source}",
    "issued_line": "जारी गरिएको: {time}",
    "valid_until_line": "मान्य अवधि: {time} सम्म",
    "origin_time_line": "भूकम्प गएको समय: {time}",
    "epicentre_line": "केन्द्रबिन्दु: {place}",
    "magnitude_line": "म्याग्निच्युड: {magnitude}",
    "depth_line": "गहिराइ: करिब {depth}",
    "depth_very_shallow_line": "गहिराइ: धेरै कम",
    "intensity": "भूकम्पीय तीव्रता {scale}",
    "intensity_or_more": "भूकम्पीय तीव्रता {scale} वा सोभन्दा बढी",
    "intensity_range": "भूकम्पीय तीव्रता {lower} देखि {upper} सम्म",
    "scale_lower": "{number} तल्लो",
    "scale_upper": "{number} माथिल्लो",
    "eew_headline": "भूकम्पको पूर्वचेतावनी: {areas} मा कडा कम्पन हुने अनुमान",
    "eew_forecast_line": "अनुमानित कम्पन: {intensity}",
    "eew_action": (
        "टाउको जोगाउनुहोस् र बलियो टेबलमुनि लुक्नुहोस्। झ्याल र खस्न सक्ने सामानबाट टाढा "
        "रहनुहोस्। हतारमा बाहिर नदौडनुहोस्।"
    ),
    "quake_headline": "भूकम्प – मापन गरिएको सबैभन्दा कडा कम्पन: {intensity}",
    "quake_action_strong": (
        "पराकम्पनबाट सावधान रहनुहोस्। क्षतिग्रस्त भवन, पर्खाल र ठाडो भिरालोबाट टाढा रहनुहोस् र "
        "अधिकारीहरूको निर्देशन पालना गर्नुहोस्।"
    ),
    "quake_action_minor": ("आफ्नो वरपर सुरक्षित छ कि छैन जाँच गर्नुहोस् र थप जानकारीमा ध्यान दिनुहोस्।"),
    "tsunami_outlook_none": "यो भूकम्पबाट सुनामीको खतरा छैन।",
    "tsunami_outlook_slight": ("समुद्री सतहमा सामान्य परिवर्तन हुन सक्छ, तर क्षतिको चिन्ता छैन।"),
    "tsunami_outlook_warning": "सुनामी चेतावनी वा सावधानी सूचना जारी छ।",
    "major_tsunami_warning_headline": "ठूलो सुनामी चेतावनी: {areas}",
    "tsunami_warning_headline": "सुनामी चेतावनी: {areas}",
    "tsunami_advisory_headline": "सुनामी सावधानी सूचना: {areas}",
    "tsunami_forecast_headline": "सुनामी पूर्वानुमान: {areas}",
    "tsunami_grade_major_warning": "ठूलो सुनामी चेतावनी",
    "tsunami_grade_warning": "सुनामी चेतावनी",
    "tsunami_grade_advisory": "सुनामी सावधानी सूचना",
    "tsunami_grade_slight": "समुद्री सतहमा सामान्य परिवर्तन",
    "tsunami_grade_lifted": "चेतावनी वा सूचना हटाइयो",
    "tsunami_height": "अनुमानित उचाइ {height}",
    "tsunami_height_over": "{height} भन्दा बढी",
    "tsunami_height_huge": "अत्यन्त ठूलो",
    "tsunami_height_high": "अग्लो",
    "tsunami_arrival": "पहिलो छाल आइपुग्ने अनुमानित समय {time}",
    "tsunami_arrival_immediate": "तुरुन्तै आइपुग्दैछ",
    "tsunami_warning_action": (
        "तुरुन्तै अग्लो ठाउँ वा अग्लो र बलियो भवनको माथिल्लो तलामा जानुहोस्। चेतावनी नहटेसम्म नफर्कनुहोस्।"
    ),
    "tsunami_advisory_action": "तुरुन्तै पानीबाट निस्कनुहोस् र समुद्री किनारबाट टाढा जानुहोस्।",
    "tsunami_forecast_action": "समुद्रमा वा नजिक हुँदा सावधान रहनुहोस्; क्षतिको चिन्ता छैन।",
    "weather_emergency_headline": "आपतकालीन चेतावनी: {phenomena}",
    "weather_warning_headline": "मौसम चेतावनी: {phenomena}",
    "weather_advisory_headline": "मौसम सावधानी सूचना: {phenomena}",
    "weather_lifted_headline": "मौसम चेतावनी र सूचना हटाइयो: {areas}",
    "weather_emergency_item": "{phenomenon} आपतकालीन चेतावनी",
    "weather_warning_item": "{phenomenon} चेतावनी",
    "weather_advisory_item": "{phenomenon} सावधानी सूचना",
    "weather_phenomena": {
        W.HEAVY_RAIN: "भारी वर्षा",
        W.FLOOD: "बाढी",
        W.STORM: "आँधी",
        W.SNOWSTORM: "हिमआँधी",
        W.HEAVY_SNOW: "भारी हिमपात",
        W.HIGH_WAVES: "अग्लो छाल",
        W.STORM_SURGE: "आँधीले ल्याउने समुद्री बाढी",
        W.THUNDERSTORM: "चट्याङ",
        W.GALE: "तेज हावा",
        W.WIND_AND_SNOW: "हावा र हिउँ",
        W.SNOWMELT: "हिउँ पग्लने",
        W.DENSE_FOG: "बाक्लो कुहिरो",
        W.DRY_AIR: "सुक्खा हावा",
        W.AVALANCHE: "हिमपहिरो",
        W.LOW_TEMPERATURE: "न्यून तापक्रम",
        W.FROST: "तुसारो",
        W.ICING: "हिउँ जम्ने",
        W.SNOW_ACCRETION: "हिउँ टाँसिने",
    },
    "weather_emergency_action": (
        "तपाईंको ज्यान खतरामा छ। अहिले नै सुरक्षित हुनुहोस्: आश्रयस्थलमा जानुहोस्, वा बाहिर "
        "निस्कन खतरा भए भिरालो र नदीबाट टाढा रहेको भवनको माथिल्लो तलामा जानुहोस्।"
    ),
    "weather_warning_action": (
        "बाहिर ननिस्कनुहोस्, आफू बसेको क्षेत्रको सुरक्षित स्थानान्तरण जानकारी हेर्नुहोस् र जान तयार रहनुहोस्।"
    ),
    "weather_advisory_action": "बाहिर हुँदा सावधान रहनुहोस् र पछिल्लो मौसम जानकारी हेर्नुहोस्।",
    "weather_lifted_action": "सावधान रहिरहनुहोस्: नदी र भिरालो अझै खतरनाक हुन सक्छन्।",
    "volcano_level_headline": "{volcano}: ज्वालामुखी सतर्कता स्तर {level} ({keyword})",
    "volcano_warning_headline": "{volcano}: {warning}",
    "volcano_level_keywords": (
        "यो सक्रिय ज्वालामुखी हो भन्ने ध्यान दिनुहोस्",
        "क्रेटर वरपर प्रतिबन्ध",
        "पहाड चढ्न प्रतिबन्ध",
        "वृद्ध र समय लाग्ने व्यक्तिहरू जानुहोस्; अरू तयार रहनुहोस्",
        "सुरक्षित स्थानमा जानुहोस्",
    ),
    "volcano_warning_residential": "विस्फोट चेतावनी (आवासीय क्षेत्र)",
    "volcano_warning_crater": "विस्फोट चेतावनी (क्रेटर वरपर)",
    "volcano_warning_sea": "विस्फोट चेतावनी (वरपरको समुद्र)",
    "volcano_warning_forecast": "विस्फोट पूर्वानुमान (सक्रिय ज्वालामुखी)",
    "volcano_action_evacuate": (
        "नगरपालिकाको निर्देशन अनुसार तुरुन्तै खतरनाक क्षेत्रबाट सुरक्षित स्थानमा जानुहोस्।"
    ),
    "volcano_action_prepare": (
        "वृद्ध र सुरक्षित स्थानमा जान समय लाग्ने व्यक्तिहरू: अहिले नै सुरक्षित "
        "स्थानमा जानुहोस्। अरू: जान तयार रहनुहोस् र खतरनाक क्षेत्रमा "
        "नपस्नुहोस्।"
    ),
    "volcano_action_keep_off_mountain": ("ज्वालामुखी नचढ्नुहोस् र प्रतिबन्धित क्षेत्रमा नपस्नुहोस्।"),
    "volcano_action_keep_off_crater": "क्रेटर नजिक नजानुहोस्।",
    "volcano_action_sea": "ज्वालामुखी वरपरको समुद्रबाट टाढा रहनुहोस्।",
    "volcano_action_aware": (
        "यो सक्रिय ज्वालामुखी हो: स्थानीय निर्देशन पालना गर्नुहोस् र बन्द क्षेत्रमा नपस्नुहोस्।"
    ),
    "heat_headline": "हिट स्ट्रोक (लू) सतर्कता: {areas}",
    "heat_special_headline": "हिट स्ट्रोक (लू) विशेष सतर्कता: {areas}",
    "heat_wbgt_line": "अनुमानित गर्मी सूचकांक (WBGT): {wbgt}",
    "heat_date_line": "मिति: {date}",
    "heat_action": (
        "गर्मीबाट बच्नुहोस्: एयर कन्डिसन भएको ठाउँमा बस्नुहोस्, बारम्बार पानी पिउनुहोस् र बाहिर व्यायाम नगर्नुहोस्।"
    ),
    "heat_special_action": (
        "यो गर्मीले सबैको स्वास्थ्यलाई खतरा छ। शीतल ठाउँमा (जस्तै कुलिङ सेल्टर) बस्नुहोस्, "
        "बारम्बार पानी पिउनुहोस् र वरपरका मानिसहरूको ख्याल राख्नुहोस्।"
    ),
    "evacuation_level3_headline": (
        "सतर्कता स्तर 3 – वृद्ध र सुरक्षित स्थानमा जान समय लाग्ने व्यक्तिहरू "
        "अहिले नै जानुहोस्; अरू तयार रहनुहोस्: {areas}"
    ),
    "evacuation_level4_headline": "सतर्कता स्तर 4 – सुरक्षित स्थानमा जाने आदेश: {areas}",
    "evacuation_level5_headline": "सतर्कता स्तर 5 – आपतकाल, ज्यान जोगाउनुहोस्: {areas}",
    "shelter_line": "आश्रयस्थल: {shelter}",
    "nearest_shelter": "नजिकको आश्रयस्थल",
    "evacuation_level3_action": (
        "वृद्ध, अपाङ्गता भएका र सुरक्षित स्थानमा जान समय लाग्ने व्यक्तिहरू: "
        "अहिले नै {shelter} मा जानुहोस्। अरू: सुरक्षित स्थानमा जान तयार "
        "रहनुहोस्।"
    ),
    "evacuation_level4_action": (
        "अहिले नै {shelter} मा जानुहोस्। बाहिर निस्कन खतरा भए बलियो भवनको माथिल्लो तलामा जानुहोस्।"
    ),
    "evacuation_level5_action": (
        "विपद् भइरहेको छ वा हुन लागेको छ। भिरालोबाट टाढा रहेको भवनको माथिल्लो तला जस्ता तपाईं "
        "पुग्न सक्ने सबैभन्दा सुरक्षित ठाउँमा तुरुन्तै जानुहोस्।"
    ),
    "missile_headline": "मिसाइल सतर्कता: {areas}",
    "missile_action": (
        "तुरुन्तै बलियो भवनभित्र वा भूमिगत स्थानमा जानुहोस्। यदि छैन भने कुनै चीजको पछाडि "
        "लुक्नुहोस् वा भुइँमा घोप्टो परेर टाउको जोगाउनुहोस्। झ्यालबाट टाढा रहनुहोस्।"
    ),
    "tsunami_arrival_estimated": "सुनामी आइपुग्दै गरेको अनुमान",
    "tsunami_arrival_observed": "पहिलो छाल आइपुगेको पुष्टि भयो",
    "tsunami_arrival_already": "सुनामी आइपुगिसकेको अनुमान",
    "tsunami_observed": "सुनामी देखियो: {height}",
    "tsunami_observed_rising": "अझै बढ्दैछ",
    "tsunami_height_under": "{height} भन्दा कम",
    "tsunami_warning_lifted_headline": "सुनामी चेतावनी हटाइयो: {areas}",
    "tsunami_advisory_lifted_headline": "सुनामी सावधानी सूचना हटाइयो: {areas}",
    "tsunami_lifted_action": (
        "सुनामी चेतावनी वा सावधानी सूचना हटाइएको छ। केही समयसम्म समुद्री सतहमा सामान्य "
        "परिवर्तन हुन सक्छ: समुद्रमा पस्दा, पौडी खेल्दा वा माछा मार्दा सावधान रहनुहोस्।"
    ),
    "magnitude_over_line": "म्याग्निच्युड: {magnitude} भन्दा बढी (अत्यन्त ठूलो भूकम्प)",
    "tsunami_outlook_investigating": ("जापानमा सुनामी आइपुग्छ कि आइपुग्दैन भन्ने अनुसन्धान भइरहेको छ।"),
    "quake_hypocentre_headline": "भूकम्प – केन्द्रबिन्दु: {place}",
    "quake_distant_headline": "विदेशमा ठूलो भूकम्प (वा ज्वालामुखी विस्फोट): {place}",
}
