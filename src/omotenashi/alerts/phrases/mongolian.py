"""Mongolian, in Cyrillic. Templates avoid case suffixes on inserted names (which would depend on
the name's vowels) by putting names after a colon or dash."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "[СУРГУУЛИЛТ – бодит дохиолол биш] {headline}",
    "test_headline": "[ТУРШИЛТ – бодит дохиолол биш] {headline}",
    "corrected_headline": "[Засварласан] {headline}",
    "label_value": "{label}: {value}",
    "detail_separator": "; ",
    "more_areas": "өөр {count} бүс",
    "areas_line": "Бүс нутаг: {areas}",
    "source_line": "Эх сурвалж: {source}",
    "issued_line": "Гаргасан: {time}",
    "valid_until_line": "Хүчинтэй хугацаа: {time} хүртэл",
    "origin_time_line": "Газар хөдөлсөн цаг: {time}",
    "epicentre_line": "Голомт: {place}",
    "magnitude_line": "Магнитуд: {magnitude}",
    "depth_line": "Гүн: ойролцоогоор {depth}",
    "depth_very_shallow_line": "Гүн: маш гүехэн",
    "intensity": "газар хөдлөлтийн эрчим {scale}",
    "intensity_or_more": "газар хөдлөлтийн эрчим {scale} ба түүнээс дээш",
    "intensity_range": "газар хөдлөлтийн эрчим {lower} – {upper}",
    "scale_lower": "{number} доод",
    "scale_upper": "{number} дээд",
    "eew_headline": (
        "Газар хөдлөлтийн урьдчилсан сэрэмжлүүлэг – хүчтэй доргилт хүлээгдэж буй бүс: {areas}"
    ),
    "eew_forecast_line": "Хүлээгдэж буй доргилт: {intensity}",
    "eew_action": (
        "Толгойгоо хамгаалж, бат бөх ширээн доор нуугдаарай. Цонх болон унаж болох эд зүйлсээс "
        "хол байгаарай. Гадагш яаран бүү гүй."
    ),
    "quake_headline": "Газар хөдлөлт – хэмжигдсэн хамгийн хүчтэй доргилт: {intensity}",
    "quake_action_strong": (
        "Дагалдах чичирхийллээс болгоомжил. Эвдэрсэн барилга, хана, эгц налуугаас хол байж, эрх "
        "бүхий байгууллагын зааврыг дагаарай."
    ),
    "quake_action_minor": "Орчноо аюулгүй эсэхийг шалгаж, дараагийн мэдээллийг анхаарна уу.",
    "tsunami_outlook_none": "Энэ газар хөдлөлтөөс цунами үүсэхгүй.",
    "tsunami_outlook_slight": ("Далайн түвшин бага зэрэг өөрчлөгдөж болох ч хохирол учрахгүй."),
    "tsunami_outlook_warning": "Цунамигийн сэрэмжлүүлэг эсвэл анхааруулга хүчинтэй байна.",
    "major_tsunami_warning_headline": "Их цунамигийн сэрэмжлүүлэг: {areas}",
    "tsunami_warning_headline": "Цунамигийн сэрэмжлүүлэг: {areas}",
    "tsunami_advisory_headline": "Цунамигийн анхааруулга: {areas}",
    "tsunami_forecast_headline": "Цунамигийн урьдчилсан мэдээ: {areas}",
    "tsunami_grade_major_warning": "Их цунамигийн сэрэмжлүүлэг",
    "tsunami_grade_warning": "Цунамигийн сэрэмжлүүлэг",
    "tsunami_grade_advisory": "Цунамигийн анхааруулга",
    "tsunami_grade_slight": "Далайн түвшний бага зэргийн өөрчлөлт",
    "tsunami_grade_lifted": "Сэрэмжлүүлгийг цуцалсан",
    "tsunami_height": "хүлээгдэж буй өндөр {height}",
    "tsunami_height_over": "{height}-ээс дээш",
    "tsunami_height_huge": "асар өндөр",
    "tsunami_height_high": "өндөр",
    "tsunami_arrival": "эхний давалгаа ирэх хугацаа {time}",
    "tsunami_arrival_immediate": "шууд ирнэ",
    "tsunami_warning_action": (
        "Одоо даруй өндөрлөг газар эсвэл өндөр, бат бөх барилгын дээд давхарт гараарай. "
        "Сэрэмжлүүлгийг цуцлах хүртэл бүү буцаж ир."
    ),
    "tsunami_advisory_action": "Уснаас даруй гарч, эргээс холдоорой.",
    "tsunami_forecast_action": (
        "Далайд эсвэл далайн ойролцоо болгоомжтой байгаарай; хохирол учрахгүй."
    ),
    "weather_emergency_headline": "Онцгой сэрэмжлүүлэг: {phenomena}",
    "weather_warning_headline": "Цаг агаарын сэрэмжлүүлэг: {phenomena}",
    "weather_advisory_headline": "Цаг агаарын анхааруулга: {phenomena}",
    "weather_lifted_headline": "Цаг агаарын сэрэмжлүүлгийг цуцалсан: {areas}",
    "weather_emergency_item": "{phenomenon} – онцгой сэрэмжлүүлэг",
    "weather_warning_item": "{phenomenon} – сэрэмжлүүлэг",
    "weather_advisory_item": "{phenomenon} – анхааруулга",
    "weather_phenomena": {
        W.HEAVY_RAIN: "аадар бороо",
        W.FLOOD: "үер",
        W.STORM: "шуурга",
        W.SNOWSTORM: "цасан шуурга",
        W.HEAVY_SNOW: "их цас",
        W.HIGH_WAVES: "өндөр давалгаа",
        W.STORM_SURGE: "шуургаар далайн ус түрлэг",
        W.THUNDERSTORM: "аянга",
        W.GALE: "хүчтэй салхи",
        W.WIND_AND_SNOW: "салхи, цас",
        W.SNOWMELT: "цас хайлалт",
        W.DENSE_FOG: "өтгөн манан",
        W.DRY_AIR: "хуурай агаар",
        W.AVALANCHE: "цасан нуранги",
        W.LOW_TEMPERATURE: "хүйтэн",
        W.FROST: "цан",
        W.ICING: "мөстөлт",
        W.SNOW_ACCRETION: "цас наалдалт",
    },
    "weather_emergency_action": (
        "Таны амь насанд аюул учирч байна. Одоо өөрийгөө хамгаал: хоргодох байранд оч, эсвэл "
        "гадагш гарах аюултай бол налуу болон голоос хол барилгын дээд давхарт гар."
    ),
    "weather_warning_action": (
        "Гадагш гарахаас зайлсхийж, байгаа газрынхаа нүүлгэн шилжүүлэх "
        "мэдээллийг шалгаад, аюулгүй газарт хоргодоход бэлэн байгаарай."
    ),
    "weather_advisory_action": "Гадаа болгоомжтой байж, цаг агаарын сүүлийн мэдээг шалгаарай.",
    "weather_lifted_action": (
        "Болгоомжтой байсаар байгаарай: гол, налуу газар аюултай хэвээр байж болно."
    ),
    "volcano_level_headline": "{volcano}: галт уулын сэрэмжлүүлгийн түвшин {level} ({keyword})",
    "volcano_warning_headline": "{volcano}: {warning}",
    "volcano_level_keywords": (
        "Идэвхтэй галт уул гэдгийг анхаар",
        "Тогооны орчныг хязгаарласан",
        "Ууланд гарахыг хязгаарласан",
        "Ахмад настан болон цаг шаардлагатай хүмүүс хоргодох; бусад нь бэлтгэх",
        "Аюулгүй газарт хоргодох",
    ),
    "volcano_warning_residential": "Дэлбэрэлтийн сэрэмжлүүлэг (суурьшлын бүс)",
    "volcano_warning_crater": "Дэлбэрэлтийн сэрэмжлүүлэг (тогооны орчим)",
    "volcano_warning_sea": "Дэлбэрэлтийн сэрэмжлүүлэг (ойролцоох далай)",
    "volcano_warning_forecast": "Дэлбэрэлтийн урьдчилсан мэдээ (идэвхтэй галт уул)",
    "volcano_action_evacuate": (
        "Орон нутгийн захиргааны зааврын дагуу аюултай бүсээс гарч, одоо даруй "
        "аюулгүй газарт хоргодоорой."
    ),
    "volcano_action_prepare": (
        "Ахмад настан болон хоргодоход цаг шаардлагатай хүмүүс: одоо аюулгүй "
        "газарт хоргодоорой. Бусад нь: хоргодоход бэлтгэж, аюултай бүсэд бүү "
        "ор."
    ),
    "volcano_action_keep_off_mountain": "Галт ууланд бүү гар, хязгаарласан бүсэд бүү ор.",
    "volcano_action_keep_off_crater": "Тогоонд бүү ойрт.",
    "volcano_action_sea": "Галт уулын орчмын далайгаас хол байгаарай.",
    "volcano_action_aware": (
        "Энэ бол идэвхтэй галт уул: орон нутгийн зааврыг дагаж, хаалттай газарт бүү ор."
    ),
    "heat_headline": "Халуунд цохиулахаас сэрэмжлүүлэг: {areas}",
    "heat_special_headline": "Халуунд цохиулахаас онцгой сэрэмжлүүлэг: {areas}",
    "heat_wbgt_line": "Хүлээгдэж буй халууны индекс (WBGT): {wbgt}",
    "heat_date_line": "Огноо: {date}",
    "heat_action": (
        "Халуунаас зайлсхий: агааржуулагчтай газар байж, байнга ус ууж, гадаа дасгал бүү хий."
    ),
    "heat_special_action": (
        "Энэ халуун хүн бүрийн эрүүл мэндэд аюултай. Сэрүүн газар (жишээ нь сэрүүцэх байр) "
        "байж, байнга ус ууж, эргэн тойрныхоо хүмүүст анхаарал тавиарай."
    ),
    "evacuation_level3_headline": (
        "Сэрэмжлүүлгийн түвшин 3 – ахмад настан болон хоргодоход цаг "
        "шаардлагатай хүмүүс одоо аюулгүй газарт хоргодоорой; бусад нь "
        "бэлтгээрэй: {areas}"
    ),
    "evacuation_level4_headline": "Сэрэмжлүүлгийн түвшин 4 – нүүлгэн шилжүүлэх тушаал: {areas}",
    "evacuation_level5_headline": (
        "Сэрэмжлүүлгийн түвшин 5 – онц байдал, амь насаа хамгаал: {areas}"
    ),
    "shelter_line": "Хоргодох байр: {shelter}",
    "nearest_shelter": "хамгийн ойрын хоргодох байр",
    "evacuation_level3_action": (
        "Ахмад настан, хөгжлийн бэрхшээлтэй болон хоргодоход цаг шаардлагатай "
        "хүмүүс: одоо даруй {shelter} руу очиж хоргодоорой. Бусад нь: "
        "хоргодоход бэлтгээрэй."
    ),
    "evacuation_level4_action": (
        "Одоо даруй {shelter} руу очиж хоргодоорой. Гадагш гарах аюултай бол "
        "бат бөх барилгын дээд давхарт гараарай."
    ),
    "evacuation_level5_action": (
        "Гамшиг болж байна эсвэл ойрхон байна. Налуугаас хол барилгын дээд давхар зэрэг хүрч "
        "чадах хамгийн аюулгүй газар руу нэн даруй оч."
    ),
    "missile_headline": "Пуужингийн сэрэмжлүүлэг: {areas}",
    "missile_action": (
        "Одоо даруй бат бөх барилга эсвэл газар доорх байранд ор. Хэрэв байхгүй бол ямар нэг "
        "зүйлийн ард нуугдах эсвэл газар хэвтэж толгойгоо хамгаал. Цонхноос хол байгаарай."
    ),
    "tsunami_arrival_estimated": "цунами ирж байгаа гэж таамаглаж байна",
    "tsunami_arrival_observed": "эхний давалгаа ирснийг ажигласан",
    "tsunami_arrival_already": "цунами аль хэдийн ирсэн гэж таамаглаж байна",
    "tsunami_observed": "цунами ажиглагдсан: {height}",
    "tsunami_observed_rising": "өндөрсөөр байна",
    "tsunami_height_under": "{height}-ээс бага",
    "tsunami_warning_lifted_headline": "Цунамигийн сэрэмжлүүлгийг цуцалсан: {areas}",
    "tsunami_advisory_lifted_headline": "Цунамигийн анхааруулгыг цуцалсан: {areas}",
    "tsunami_lifted_action": (
        "Цунамигийн сэрэмжлүүлэг буюу анхааруулгыг цуцаллаа. Далайн түвшин хэсэг хугацаанд "
        "бага зэрэг өөрчлөгдөж болзошгүй тул далайд орох, сэлэх, загас барих үедээ "
        "болгоомжтой байгаарай."
    ),
    "magnitude_over_line": "Магнитуд: {magnitude}-аас дээш (асар хүчтэй газар хөдлөлт)",
    "tsunami_outlook_investigating": "Японд цунами хүрэх эсэхийг одоо судалж байна.",
    "quake_hypocentre_headline": "Газар хөдлөлт – голомт: {place}",
    "quake_distant_headline": "Гадаадад хүчтэй газар хөдлөлт (эсвэл галт уулын дэлбэрэлт): {place}",
}
