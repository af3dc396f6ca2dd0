"""Burmese, in Unicode (not Zawgyi). Western digits, as the numbers Babel formats use."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "[လေ့ကျင့်ခန်း – အစစ်အမှန် သတိပေးချက် မဟုတ်ပါ] {headline}",
    "test_headline": "[စမ်းသပ်ချက် – အစစ်အမှန် သတိပေးချက် မဟုတ်ပါ] {headline}",
    "corrected_headline": "[ပြင်ဆင်ထားသည်] {headline}",
    "label_value": "{label}: {value}",
    "detail_separator": "; ",
    "more_areas": "နောက်ထပ် {count} နေရာ",
    "areas_line": "ဒေသများ: {areas}",
    "source_line": "ရင်းမြစ်: {source}",
    "issued_line": "ထုတ်ပြန်ချိန်: {time}",
    "valid_until_line": "သက်တမ်းကုန်ဆုံးချိန်: {time}",
    "origin_time_line": "ငလျင်လှုပ်ချိန်: {time}",
    "epicentre_line": "ငလျင်ဗဟိုချက်: {place}",
    "magnitude_line": "ပြင်းအား (မဂ္ဂနီကျု): {magnitude}",
    "depth_line": "အနက်: ခန့်မှန်း {depth}",
    "depth_very_shallow_line": "အနက်: အလွန်တိမ်",
    "intensity": "ငလျင်လှုပ်ခတ်မှုအဆင့် {scale}",
    "intensity_or_more": "ငလျင်လှုပ်ခတ်မှုအဆင့် {scale} နှင့်အထက်",
    "intensity_range": "ငလျင်လှုပ်ခတ်မှုအဆင့် {lower} မှ {upper} အထိ",
    "scale_lower": "{number} အနိမ့်",
    "scale_upper": "{number} အမြင့်",
    "eew_headline": "ငလျင်ကြိုတင်သတိပေးချက်: {areas} တွင် ပြင်းထန်စွာ လှုပ်ခတ်မည်",
    "eew_forecast_line": "ခန့်မှန်းလှုပ်ခတ်မှု: {intensity}",
    "eew_action": (
        "ခေါင်းကို ကာကွယ်ပြီး ခိုင်ခံ့သော စားပွဲအောက်တွင် ခိုလှုံပါ။ ပြတင်းပေါက်များနှင့် "
        "ပြုတ်ကျနိုင်သော ပစ္စည်းများမှ ဝေးဝေးနေပါ။ အပြင်သို့ အလောတကြီး ပြေးမထွက်ပါနှင့်။"
    ),
    "quake_headline": "ငလျင် – တိုင်းတာရရှိသော အပြင်းဆုံး လှုပ်ခတ်မှု: {intensity}",
    "quake_action_strong": (
        "နောက်ဆက်တွဲငလျင်များကို သတိထားပါ။ ပျက်စီးနေသော အဆောက်အအုံများ၊ နံရံများနှင့် "
        "မတ်စောက်သော တောင်စောင်းများမှ ဝေးဝေးနေပြီး အာဏာပိုင်များ၏ ညွှန်ကြားချက်ကို လိုက်နာပါ။"
    ),
    "quake_action_minor": ("ပတ်ဝန်းကျင် လုံခြုံမှုရှိမရှိ စစ်ဆေးပြီး နောက်ထပ်သတင်းများကို စောင့်ကြည့်ပါ။"),
    "tsunami_outlook_none": "ဤငလျင်ကြောင့် ဆူနာမီ ဖြစ်ပေါ်ရန် စိုးရိမ်စရာ မရှိပါ။",
    "tsunami_outlook_slight": ("ပင်လယ်ရေမျက်နှာပြင် အနည်းငယ် ပြောင်းလဲနိုင်သော်လည်း ပျက်စီးမှု စိုးရိမ်စရာ မရှိပါ။"),
    "tsunami_outlook_warning": "ဆူနာမီ သတိပေးချက် သို့မဟုတ် အကြံပေးချက် ထုတ်ပြန်ထားသည်။",
    "major_tsunami_warning_headline": "ဆူနာမီကြီး သတိပေးချက်: {areas}",
    "tsunami_warning_headline": "ဆူနာမီ သတိပေးချက်: {areas}",
    "tsunami_advisory_headline": "ဆူနာမီ သတိထားရန် အသိပေးချက်: {areas}",
    "tsunami_forecast_headline": "ဆူနာမီ ခန့်မှန်းချက်: {areas}",
    "tsunami_grade_major_warning": "ဆူနာမီကြီး သတိပေးချက်",
    "tsunami_grade_warning": "ဆူနာမီ သတိပေးချက်",
    "tsunami_grade_advisory": "ဆူနာမီ အကြံပေးချက်",
    "tsunami_grade_slight": "ပင်လယ်ရေမျက်နှာပြင် အနည်းငယ်ပြောင်းလဲခြင်း",
    "tsunami_grade_lifted": "သတိပေးချက် ရုပ်သိမ်းပြီး",
    "tsunami_height": "ခန့်မှန်းအမြင့် {height}",
    "tsunami_height_over": "{height} ထက်ပို",
    "tsunami_height_huge": "အလွန်ကြီးမား",
    "tsunami_height_high": "မြင့်",
    "tsunami_arrival": "ပထမလှိုင်း ရောက်ရှိမည့်အချိန် {time}",
    "tsunami_arrival_immediate": "ချက်ချင်း ရောက်ရှိမည်",
    "tsunami_warning_action": (
        "မြင့်သောနေရာ သို့မဟုတ် မြင့်မားခိုင်ခံ့သော အဆောက်အအုံ၏ အပေါ်ထပ်သို့ ချက်ချင်း "
        "ရွှေ့ပြောင်းပါ။ သတိပေးချက် ရုပ်သိမ်းသည်အထိ ပြန်မလာပါနှင့်။"
    ),
    "tsunami_advisory_action": "ရေထဲမှ ချက်ချင်းတက်ပြီး ကမ်းခြေမှ ဝေးရာသို့ သွားပါ။",
    "tsunami_forecast_action": ("ပင်လယ်ထဲ သို့မဟုတ် ပင်လယ်အနီးတွင် သတိထားပါ။ ပျက်စီးမှု စိုးရိမ်စရာ မရှိပါ။"),
    "weather_emergency_headline": "အရေးပေါ် သတိပေးချက်: {phenomena}",
    "weather_warning_headline": "ရာသီဥတု သတိပေးချက်: {phenomena}",
    "weather_advisory_headline": "ရာသီဥတု အကြံပေးချက်: {phenomena}",
    "weather_lifted_headline": "ရာသီဥတု သတိပေးချက်များ ရုပ်သိမ်းပြီး: {areas}",
    "weather_emergency_item": "{phenomenon} အရေးပေါ် သတိပေးချက်",
    "weather_warning_item": "{phenomenon} သတိပေးချက်",
    "weather_advisory_item": "{phenomenon} အကြံပေးချက်",
    "weather_phenomena": {
        W.HEAVY_RAIN: "မိုးသည်းထန်ခြင်း",
        W.FLOOD: "ရေကြီးခြင်း",
        W.STORM: "မုန်တိုင်းလေ",
        W.SNOWSTORM: "နှင်းမုန်တိုင်း",
        W.HEAVY_SNOW: "နှင်းထူထပ်စွာကျခြင်း",
        W.HIGH_WAVES: "လှိုင်းမြင့်ခြင်း",
        W.STORM_SURGE: "မုန်တိုင်းကြောင့် ပင်လယ်ရေတက်ခြင်း",
        W.THUNDERSTORM: "မိုးကြိုး",
        W.GALE: "လေပြင်း",
        W.WIND_AND_SNOW: "လေနှင့်နှင်း",
        W.SNOWMELT: "နှင်းအရည်ပျော်ခြင်း",
        W.DENSE_FOG: "မြူထူခြင်း",
        W.DRY_AIR: "လေခြောက်ခြင်း",
        W.AVALANCHE: "နှင်းပြိုခြင်း",
        W.LOW_TEMPERATURE: "အပူချိန်နိမ့်ခြင်း",
        W.FROST: "နှင်းခဲ",
        W.ICING: "ရေခဲတွယ်ခြင်း",
        W.SNOW_ACCRETION: "နှင်းတွယ်ခြင်း",
    },
    "weather_emergency_action": (
        "သင့်အသက် အန္တရာယ်ရှိနေသည်။ ယခုပင် လုံခြုံအောင်လုပ်ပါ: ခိုလှုံရာနေရာသို့ သွားပါ၊ "
        "သို့မဟုတ် အပြင်ထွက်ရန် အန္တရာယ်ရှိပါက တောင်စောင်းနှင့် မြစ်မှ ဝေးသော "
        "အဆောက်အအုံ၏ အပေါ်ထပ်သို့ တက်ပါ။"
    ),
    "weather_warning_action": (
        "အပြင်မထွက်ပါနှင့်။ သင်ရှိနေသော ဒေသ၏ ဘေးလွတ်ရာ ရွှေ့ပြောင်းရေး သတင်းကို စစ်ဆေးပြီး ရွှေ့ပြောင်းရန် အသင့်ပြင်ထားပါ။"
    ),
    "weather_advisory_action": "အပြင်တွင် သတိထားပြီး နောက်ဆုံးရ ရာသီဥတုသတင်းကို စစ်ဆေးပါ။",
    "weather_lifted_action": ("ဆက်လက် သတိထားပါ။ မြစ်များနှင့် တောင်စောင်းများ အန္တရာယ် ရှိနေနိုင်သေးသည်။"),
    "volcano_level_headline": "{volcano}: မီးတောင် သတိပေးအဆင့် {level} ({keyword})",
    "volcano_warning_headline": "{volcano}: {warning}",
    "volcano_level_keywords": (
        "မီးတောင်ရှင်ဖြစ်ကြောင်း သတိပြုပါ",
        "မီးတောင်ဝ ဝန်းကျင် ကန့်သတ်",
        "တောင်တက်ခြင်း ကန့်သတ်",
        "သက်ကြီးရွယ်အိုများ စသည်တို့ ရွှေ့ပြောင်းပါ",
        "ရွှေ့ပြောင်းပါ",
    ),
    "volcano_warning_residential": "မီးတောင်ပေါက်ကွဲမှု သတိပေးချက် (နေထိုင်ရာဒေသ)",
    "volcano_warning_crater": "မီးတောင်ပေါက်ကွဲမှု သတိပေးချက် (မီးတောင်ဝ ဝန်းကျင်)",
    "volcano_warning_sea": "မီးတောင်ပေါက်ကွဲမှု သတိပေးချက် (ပတ်ဝန်းကျင် ပင်လယ်)",
    "volcano_warning_forecast": "မီးတောင်ပေါက်ကွဲမှု ခန့်မှန်းချက် (မီးတောင်ရှင်)",
    "volcano_action_evacuate": ("မြို့နယ်၏ ညွှန်ကြားချက်အတိုင်း အန္တရာယ်ရှိသော ဒေသမှ ယခုပင် ရွှေ့ပြောင်းပါ။"),
    "volcano_action_prepare": (
        "သက်ကြီးရွယ်အိုများနှင့် အကူအညီလိုသူများ: ယခုပင် ရွှေ့ပြောင်းပါ။ အခြားသူများ: "
        "ရွှေ့ပြောင်းရန် အသင့်ပြင်ပြီး အန္တရာယ်ရှိသော ဒေသထဲ မဝင်ပါနှင့်။"
    ),
    "volcano_action_keep_off_mountain": ("မီးတောင်ပေါ် မတက်ပါနှင့်၊ ကန့်သတ်နယ်မြေထဲ မဝင်ပါနှင့်။"),
    "volcano_action_keep_off_crater": "မီးတောင်ဝ အနီးသို့ မသွားပါနှင့်။",
    "volcano_action_sea": "မီးတောင်ပတ်ဝန်းကျင် ပင်လယ်မှ ဝေးဝေးနေပါ။",
    "volcano_action_aware": (
        "ဤသည်မှာ မီးတောင်ရှင် ဖြစ်သည်: ဒေသခံ ညွှန်ကြားချက်ကို လိုက်နာပြီး ပိတ်ထားသော နေရာများထဲ မဝင်ပါနှင့်။"
    ),
    "heat_headline": "အပူလျှပ်ခြင်း သတိပေးချက်: {areas}",
    "heat_special_headline": "အပူလျှပ်ခြင်း အထူးသတိပေးချက်: {areas}",
    "heat_wbgt_line": "ခန့်မှန်း အပူညွှန်းကိန်း (WBGT): {wbgt}",
    "heat_date_line": "ရက်စွဲ: {date}",
    "heat_action": (
        "အပူဒဏ်ကို ရှောင်ပါ: လေအေးပေးစက်ရှိသော နေရာတွင် နေပါ၊ ရေကို မကြာခဏ သောက်ပါ၊ အပြင်တွင် လေ့ကျင့်ခန်း မလုပ်ပါနှင့်။"
    ),
    "heat_special_action": (
        "ဤအပူသည် လူတိုင်း၏ ကျန်းမာရေးကို ခြိမ်းခြောက်နေသည်။ အေးမြသော နေရာ (ဥပမာ အအေးခံ "
        "ခိုလှုံရာ) တွင် နေပါ၊ ရေကို မကြာခဏ သောက်ပါ၊ ပတ်ဝန်းကျင်ရှိ လူများကိုလည်း ဂရုစိုက်ပါ။"
    ),
    "evacuation_level3_headline": ("သတိပေးအဆင့် 3 – သက်ကြီးရွယ်အိုများ စသည်တို့ ရွှေ့ပြောင်းပါ: {areas}"),
    "evacuation_level4_headline": "သတိပေးအဆင့် 4 – ရွှေ့ပြောင်းရန် အမိန့်: {areas}",
    "evacuation_level5_headline": "သတိပေးအဆင့် 5 – အရေးပေါ်၊ အသက်ကို ကာကွယ်ပါ: {areas}",
    "shelter_line": "ခိုလှုံရာနေရာ: {shelter}",
    "nearest_shelter": "အနီးဆုံး ဘေးလွတ်ရာ ခိုလှုံရာနေရာ",
    "evacuation_level3_action": (
        "သက်ကြီးရွယ်အိုများနှင့် အကူအညီလိုသူများ: {shelter} သို့ ယခုပင် ရွှေ့ပြောင်းပါ။ "
        "အခြားသူများ: ရွှေ့ပြောင်းရန် အသင့်ပြင်ထားပါ။"
    ),
    "evacuation_level4_action": (
        "{shelter} သို့ ယခုပင် ရွှေ့ပြောင်းပါ။ အပြင်ထွက်ရန် အန္တရာယ်ရှိပါက ခိုင်ခံ့သော အဆောက်အအုံ၏ အပေါ်ထပ်သို့ တက်ပါ။"
    ),
    "evacuation_level5_action": (
        "ဘေးအန္တရာယ် ဖြစ်ပွားနေသည် သို့မဟုတ် ဖြစ်ပွားတော့မည်။ တောင်စောင်းမှ ဝေးသော "
        "အပေါ်ထပ်ကဲ့သို့ သင်ရောက်နိုင်သော အလုံခြုံဆုံး နေရာသို့ ချက်ချင်း သွားပါ။"
    ),
    "missile_headline": "ဒုံးကျည် သတိပေးချက်: {areas}",
    "missile_action": (
        "ခိုင်ခံ့သော အဆောက်အအုံထဲ သို့မဟုတ် မြေအောက်သို့ ယခုပင် ဝင်ပါ။ မရှိပါက တစ်ခုခု၏ "
        "နောက်ကွယ်တွင် ပုန်းအောင်းပါ သို့မဟုတ် မြေပြင်ပေါ် မှောက်လျက် ခေါင်းကို ကာကွယ်ပါ။ "
        "ပြတင်းပေါက်များမှ ဝေးဝေးနေပါ။"
    ),
    "tsunami_arrival_estimated": "ဆူနာမီ ရောက်ရှိနေသည်ဟု ခန့်မှန်း",
    "tsunami_arrival_observed": "ပထမလှိုင်း ရောက်ရှိကြောင်း အတည်ပြုပြီး",
    "tsunami_arrival_already": "ဆူနာမီ ရောက်ရှိပြီးဖြစ်သည်ဟု ခန့်မှန်း",
    "tsunami_height_under": "{height} အောက်",
    "tsunami_warning_lifted_headline": "ဆူနာမီ သတိပေးချက် ရုပ်သိမ်းပြီး: {areas}",
    "tsunami_advisory_lifted_headline": "ဆူနာမီ သတိထားရန် အသိပေးချက် ရုပ်သိမ်းပြီး: {areas}",
    "tsunami_lifted_action": (
        "ဆူနာမီ သတိပေးချက် သို့မဟုတ် သတိထားရန် အသိပေးချက်ကို ရုပ်သိမ်းပြီးပါပြီ။ "
        "ပင်လယ်ရေမျက်နှာပြင် အချိန်အတန်ကြာ အနည်းငယ် ပြောင်းလဲနိုင်သေးသဖြင့် "
        "ပင်လယ်ထဲဆင်းခြင်း၊ ရေကူးခြင်း သို့မဟုတ် ငါးဖမ်းခြင်း ပြုလုပ်ပါက သတိထားပါ။"
    ),
    "magnitude_over_line": "ပြင်းအား (မဂ္ဂနီကျု): {magnitude} ထက်ကျော်သော အလွန်ကြီးမားသည့် ငလျင်",
    "tsunami_outlook_investigating": ("ဂျပန်သို့ ဆူနာမီ ရောက်မရောက် လက်ရှိ စုံစမ်းစစ်ဆေးနေဆဲ ဖြစ်သည်။"),
    "quake_hypocentre_headline": "ငလျင် – ဗဟိုချက်: {place}",
    "quake_distant_headline": "နိုင်ငံခြားတွင် ငလျင်ကြီး (သို့မဟုတ် မီးတောင်ပေါက်ကွဲမှု): {place}",
}
