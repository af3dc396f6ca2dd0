"""Khmer. Western digits, as the numbers Babel formats for km use."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "[សមយុទ្ធ – មិនមែនជាការជូនដំណឹងពិតទេ] {headline}",
    "test_headline": "[ការសាកល្បង – មិនមែនជាការជូនដំណឹងពិតទេ] {headline}",
    "corrected_headline": "[បានកែតម្រូវ] {headline}",
    "label_value": "{label}: {value}",
    "detail_separator": "; ",
    "more_areas": "{count} តំបន់ទៀត",
    "areas_line": "តំបន់: {areas}",
    "source_line": "ប្រភព: {source}",
    "issued_line": "ចេញផ្សាយ: {time}",
    "valid_until_line": "មានសុពលភាពរហូតដល់: {time}",
    "origin_time_line": "ពេលវេលាកើតរញ្ជួយដី: {time}",
    "epicentre_line": "ចំណុចកណ្តាលរញ្ជួយដី: {place}",
    "magnitude_line": "កម្រិតរ៉ិចទ័រ: {magnitude}",
    "depth_line": "ជម្រៅ: ប្រហែល {depth}",
    "depth_very_shallow_line": "ជម្រៅ: រាក់ខ្លាំង",
    "intensity": "កម្រិតរញ្ជួយ {scale}",
    "intensity_or_more": "កម្រិតរញ្ជួយ {scale} ឬខ្លាំងជាងនេះ",
    "intensity_range": "កម្រិតរញ្ជួយពី {lower} ដល់ {upper}",
    "scale_lower": "{number} ទាប",
    "scale_upper": "{number} ខ្ពស់",
    "eew_headline": "ការព្រមានរញ្ជួយដីជាមុន: រំពឹងថានឹងមានការរញ្ជួយខ្លាំងនៅ {areas}",
    "eew_forecast_line": "ការរញ្ជួយដែលរំពឹងទុក: {intensity}",
    "eew_action": (
        "ការពារក្បាល ហើយជ្រកនៅក្រោមតុដែលរឹងមាំ។ នៅឱ្យឆ្ងាយពីបង្អួច និងវត្ថុដែលអាចដួលឬធ្លាក់។ កុំប្រញាប់រត់ចេញទៅខាងក្រៅ។"
    ),
    "quake_headline": "រញ្ជួយដី – ការរញ្ជួយខ្លាំងបំផុតដែលបានវាស់: {intensity}",
    "quake_action_strong": (
        "ប្រយ័ត្នរញ្ជួយបន្ទាប់។ នៅឱ្យឆ្ងាយពីអគារដែលខូចខាត ជញ្ជាំង និងជម្រាលចោត ហើយធ្វើតាមការណែនាំរបស់អាជ្ញាធរ។"
    ),
    "quake_action_minor": "ពិនិត្យថាកន្លែងជុំវិញខ្លួនមានសុវត្ថិភាព ហើយតាមដានព័ត៌មានបន្ថែម។",
    "tsunami_outlook_none": "រញ្ជួយដីនេះមិនបង្កឱ្យមានរលកយក្សស៊ូណាមិទេ។",
    "tsunami_outlook_slight": ("កម្ពស់ទឹកសមុទ្រអាចប្រែប្រួលបន្តិចបន្តួច ប៉ុន្តែមិនមានការខូចខាតទេ។"),
    "tsunami_outlook_warning": "កំពុងមានការព្រមាន ឬការជូនដំណឹងប្រុងប្រយ័ត្នអំពីរលកយក្សស៊ូណាមិ។",
    "major_tsunami_warning_headline": "ការព្រមានរលកយក្សស៊ូណាមិធំ: {areas}",
    "tsunami_warning_headline": "ការព្រមានរលកយក្សស៊ូណាមិ: {areas}",
    "tsunami_advisory_headline": "ការជូនដំណឹងប្រុងប្រយ័ត្នរលកយក្សស៊ូណាមិ: {areas}",
    "tsunami_forecast_headline": "ការព្យាករណ៍រលកយក្សស៊ូណាមិ: {areas}",
    "tsunami_grade_major_warning": "ការព្រមានរលកយក្សស៊ូណាមិធំ",
    "tsunami_grade_warning": "ការព្រមានរលកយក្សស៊ូណាមិ",
    "tsunami_grade_advisory": "ការជូនដំណឹងប្រុងប្រយ័ត្នរលកយក្សស៊ូណាមិ",
    "tsunami_grade_slight": "ការប្រែប្រួលកម្ពស់ទឹកសមុទ្របន្តិចបន្តួច",
    "tsunami_grade_lifted": "បានលុបចោលការព្រមាន",
    "tsunami_height": "កម្ពស់រំពឹងទុក {height}",
    "tsunami_height_over": "លើសពី {height}",
    "tsunami_height_huge": "ធំសម្បើម",
    "tsunami_height_high": "ខ្ពស់",
    "tsunami_arrival": "រលកទីមួយរំពឹងថានឹងមកដល់ {time}",
    "tsunami_arrival_immediate": "នឹងមកដល់ភ្លាមៗ",
    "tsunami_warning_action": (
        "ភៀសខ្លួនទៅកន្លែងខ្ពស់ ឬជាន់ខាងលើនៃអគារខ្ពស់ និងរឹងមាំភ្លាមៗ។ កុំត្រឡប់វិញរហូតដល់ការព្រមានត្រូវបានលុបចោល។"
    ),
    "tsunami_advisory_action": "ចេញពីទឹក ហើយចាកឆ្ងាយពីឆ្នេរភ្លាមៗ។",
    "tsunami_forecast_action": "ប្រយ័ត្ននៅក្នុង ឬជិតសមុទ្រ; មិនមានការខូចខាតទេ។",
    "weather_emergency_headline": "ការព្រមានបន្ទាន់: {phenomena}",
    "weather_warning_headline": "ការព្រមានអាកាសធាតុ: {phenomena}",
    "weather_advisory_headline": "ការជូនដំណឹងប្រុងប្រយ័ត្នអាកាសធាតុ: {phenomena}",
    "weather_lifted_headline": "បានលុបចោលការព្រមានអាកាសធាតុ: {areas}",
    "weather_emergency_item": "ការព្រមានបន្ទាន់អំពី{phenomenon}",
    "weather_warning_item": "ការព្រមានអំពី{phenomenon}",
    "weather_advisory_item": "ការជូនដំណឹងប្រុងប្រយ័ត្នអំពី{phenomenon}",
    "weather_phenomena": {
        W.HEAVY_RAIN: "ភ្លៀងធ្លាក់ខ្លាំង",
        W.FLOOD: "ទឹកជំនន់",
        W.STORM: "ខ្យល់ព្យុះ",
        W.SNOWSTORM: "ព្យុះព្រិល",
        W.HEAVY_SNOW: "ព្រិលធ្លាក់ខ្លាំង",
        W.HIGH_WAVES: "រលកខ្ពស់",
        W.STORM_SURGE: "ទឹកសមុទ្រឡើងដោយសារព្យុះ",
        W.THUNDERSTORM: "ផ្គររន្ទះ",
        W.GALE: "ខ្យល់បក់ខ្លាំង",
        W.WIND_AND_SNOW: "ខ្យល់និងព្រិល",
        W.SNOWMELT: "ព្រិលរលាយ",
        W.DENSE_FOG: "អ័ព្ទក្រាស់",
        W.DRY_AIR: "ខ្យល់ស្ងួត",
        W.AVALANCHE: "ព្រិលរអិលធ្លាក់",
        W.LOW_TEMPERATURE: "សីតុណ្ហភាពទាប",
        W.FROST: "សន្សើមកក",
        W.ICING: "ទឹកកកជាប់",
        W.SNOW_ACCRETION: "ព្រិលជាប់",
    },
    "weather_emergency_action": (
        "ជីវិតរបស់អ្នកកំពុងស្ថិតក្នុងគ្រោះថ្នាក់។ ធ្វើឱ្យខ្លួនមានសុវត្ថិភាពឥឡូវនេះ: "
        "ទៅកាន់ទីជម្រក ឬបើការចេញទៅក្រៅមានគ្រោះថ្នាក់ ចូរឡើងទៅជាន់ខាងលើដែលឆ្ងាយពីជម្រាល និងទន្លេ។"
    ),
    "weather_warning_action": ("ជៀសវាងការចេញទៅក្រៅ ពិនិត្យព័ត៌មានអំពីការជម្លៀសនៅតំបន់របស់អ្នក ហើយត្រៀមខ្លួនជម្លៀស។"),
    "weather_advisory_action": "ប្រយ័ត្ននៅខាងក្រៅ ហើយពិនិត្យព័ត៌មានអាកាសធាតុថ្មីបំផុត។",
    "weather_lifted_action": "បន្តប្រុងប្រយ័ត្ន: ទន្លេ និងជម្រាលអាចនៅតែមានគ្រោះថ្នាក់។",
    "volcano_level_headline": "{volcano}: កម្រិតប្រុងប្រយ័ត្នភ្នំភ្លើង {level} ({keyword})",
    "volcano_warning_headline": "{volcano}: {warning}",
    "volcano_level_keywords": (
        "សូមចំណាំថានេះជាភ្នំភ្លើងសកម្ម",
        "រឹតបន្តឹងជុំវិញរណ្ដៅភ្នំភ្លើង",
        "ហាមឡើងភ្នំ",
        "មនុស្សចាស់ និងអ្នកត្រូវការពេលវេលា ជម្លៀស អ្នកដទៃត្រៀមខ្លួន",
        "ជម្លៀស",
    ),
    "volcano_warning_residential": "ការព្រមានការផ្ទុះ (តំបន់លំនៅដ្ឋាន)",
    "volcano_warning_crater": "ការព្រមានការផ្ទុះ (ជុំវិញរណ្ដៅភ្នំភ្លើង)",
    "volcano_warning_sea": "ការព្រមានការផ្ទុះ (សមុទ្រជុំវិញ)",
    "volcano_warning_forecast": "ការព្យាករណ៍ការផ្ទុះ (ភ្នំភ្លើងសកម្ម)",
    "volcano_action_evacuate": ("ជម្លៀសចេញពីតំបន់គ្រោះថ្នាក់ឥឡូវនេះ តាមការណែនាំរបស់អាជ្ញាធរក្រុង។"),
    "volcano_action_prepare": (
        "មនុស្សចាស់ និងអ្នកដែលត្រូវការពេលវេលាជម្លៀស: ជម្លៀសឥឡូវនេះ។ អ្នកដទៃ: ត្រៀមខ្លួនជម្លៀស ហើយកុំចូលតំបន់គ្រោះថ្នាក់។"
    ),
    "volcano_action_keep_off_mountain": "កុំឡើងភ្នំភ្លើង ឬចូលតំបន់ហាមឃាត់។",
    "volcano_action_keep_off_crater": "កុំចូលទៅជិតរណ្ដៅភ្នំភ្លើង។",
    "volcano_action_sea": "នៅឱ្យឆ្ងាយពីសមុទ្រជុំវិញភ្នំភ្លើង។",
    "volcano_action_aware": ("នេះជាភ្នំភ្លើងសកម្ម: ធ្វើតាមការណែនាំក្នុងតំបន់ ហើយកុំចូលតំបន់ដែលបិទ។"),
    "heat_headline": "ការព្រមានជំងឺគាំងកម្ដៅ: {areas}",
    "heat_special_headline": "ការព្រមានពិសេសជំងឺគាំងកម្ដៅ: {areas}",
    "heat_wbgt_line": "សន្ទស្សន៍កម្ដៅរំពឹងទុក (WBGT): {wbgt}",
    "heat_date_line": "កាលបរិច្ឆេទ: {date}",
    "heat_action": ("ជៀសវាងកម្ដៅ: ស្នាក់នៅកន្លែងដែលមានម៉ាស៊ីនត្រជាក់ ផឹកទឹកឱ្យបានញឹកញាប់ ហើយកុំហាត់ប្រាណនៅខាងក្រៅ។"),
    "heat_special_action": (
        "កម្ដៅនេះគំរាមកំហែងសុខភាពមនុស្សគ្រប់គ្នា។ ស្នាក់នៅកន្លែងត្រជាក់ (ដូចជាទីជម្រកត្រជាក់) "
        "ផឹកទឹកឱ្យបានញឹកញាប់ ហើយយកចិត្តទុកដាក់លើមនុស្សនៅជុំវិញអ្នក។"
    ),
    "evacuation_level3_headline": (
        "កម្រិតប្រុងប្រយ័ត្ន 3 – មនុស្សចាស់ និងអ្នកដែលត្រូវការពេលវេលាជម្លៀស ត្រូវជម្លៀសឥឡូវនេះ អ្នកដទៃត្រៀមខ្លួន: {areas}"
    ),
    "evacuation_level4_headline": "កម្រិតប្រុងប្រយ័ត្ន 4 – បញ្ជាឱ្យជម្លៀស: {areas}",
    "evacuation_level5_headline": "កម្រិតប្រុងប្រយ័ត្ន 5 – អាសន្ន ការពារជីវិត: {areas}",
    "shelter_line": "ទីជម្រក: {shelter}",
    "nearest_shelter": "ទីជម្រកជម្លៀសដែលនៅជិតបំផុត",
    "evacuation_level3_action": (
        "មនុស្សចាស់ ជនពិការ និងអ្នកដែលត្រូវការពេលវេលាជម្លៀស: ជម្លៀសទៅ {shelter} ឥឡូវនេះ។ អ្នកដទៃ: ត្រៀមខ្លួនជម្លៀស។"
    ),
    "evacuation_level4_action": (
        "ជម្លៀសទៅ {shelter} ឥឡូវនេះ។ បើការចេញទៅក្រៅមានគ្រោះថ្នាក់ ចូរឡើងទៅជាន់ខាងលើនៃអគាររឹងមាំ។"
    ),
    "evacuation_level5_action": (
        "គ្រោះមហន្តរាយកំពុងកើតឡើង ឬជិតកើតឡើង។ ទៅកាន់កន្លែងដែលមានសុវត្ថិភាពបំផុតដែលអ្នកអាចទៅដល់"
        "ភ្លាមៗ ដូចជាជាន់ខាងលើដែលឆ្ងាយពីជម្រាល។"
    ),
    "missile_headline": "ការព្រមានមីស៊ីល: {areas}",
    "missile_action": (
        "ចូលទៅក្នុងអគាររឹងមាំ ឬក្រោមដីឥឡូវនេះ។ បើគ្មាន ចូរលាក់ខ្លួននៅពីក្រោយវត្ថុអ្វីមួយ "
        "ឬដេកផ្កាប់លើដី ហើយការពារក្បាល។ នៅឱ្យឆ្ងាយពីបង្អួច។"
    ),
    "tsunami_arrival_estimated": "ប៉ាន់ស្មានថារលកយក្សស៊ូណាមិកំពុងមកដល់",
    "tsunami_arrival_observed": "បានសង្កេតឃើញរលកទីមួយមកដល់",
    "tsunami_arrival_already": "ប៉ាន់ស្មានថារលកយក្សស៊ូណាមិបានមកដល់រួចហើយ",
    "tsunami_observed": "បានសង្កេតឃើញរលកស៊ូណាមិ: {height}",
    "tsunami_observed_rising": "នៅតែកំពុងឡើង",
    "tsunami_height_under": "តិចជាង {height}",
    "tsunami_warning_lifted_headline": "បានលុបចោលការព្រមានរលកយក្សស៊ូណាមិ: {areas}",
    "tsunami_advisory_lifted_headline": "បានលុបចោលការជូនដំណឹងប្រុងប្រយ័ត្នរលកយក្សស៊ូណាមិ: {areas}",
    "tsunami_lifted_action": (
        "ការព្រមាន ឬការជូនដំណឹងប្រុងប្រយ័ត្នរលកយក្សស៊ូណាមិត្រូវបានលុបចោលហើយ។ "
        "កម្ពស់ទឹកសមុទ្រអាចនៅប្រែប្រួលបន្តិចបន្តួចមួយរយៈទៀត៖ សូមប្រយ័ត្ននៅពេលចុះសមុទ្រ "
        "ហែលទឹក ឬស្ទូចត្រី។"
    ),
    "magnitude_over_line": "កម្រិតរ៉ិចទ័រ: លើសពី {magnitude} (រញ្ជួយដីធំខ្លាំង)",
    "tsunami_outlook_investigating": "កំពុងស៊ើបអង្កេតថាតើរលកយក្សស៊ូណាមិនឹងមកដល់ប្រទេសជប៉ុនឬអត់។",
    "quake_hypocentre_headline": "រញ្ជួយដី – ចំណុចកណ្ដាល: {place}",
    "quake_distant_headline": "រញ្ជួយដីធំ (ឬការផ្ទុះភ្នំភ្លើង) នៅបរទេស: {place}",
}
