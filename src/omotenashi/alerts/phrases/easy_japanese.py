"""Easy Japanese (やさしい日本語), after the Hirosaki University guidelines that JMA's dictionary
follows: short sentences, words separated by spaces, hiragana for hard words and readings after
the kanji that must stay (the official names of warnings, which visitors will also see on signs)."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "【くんれん です。ほんとうの けいほう では ありません】{headline}",
    "test_headline": "【テスト です。ほんとうの けいほう では ありません】{headline}",
    "corrected_headline": "【なおしました】{headline}",
    "label_value": "{label}：{value}",
    "detail_separator": "、",
    "more_areas": "ほか {count}か所",
    "areas_line": "ばしょ：{areas}",
    "source_line": "だした ところ：{source}",
    "issued_line": "だした 時間（じかん）：{time}",
    "valid_until_line": "{time} まで",
    "origin_time_line": "じしんが あった 時間（じかん）：{time}",
    "epicentre_line": "じしんが おきた ところ：{place}",
    "magnitude_line": "じしんの 大（おお）きさ（マグニチュード）：{magnitude}",
    "depth_line": "ふかさ：だいたい {depth}",
    "depth_very_shallow_line": "ふかさ：とても あさい",
    "intensity": "震度（しんど）{scale}",
    "intensity_or_more": "震度（しんど）{scale} いじょう",
    "intensity_range": "震度（しんど）{lower}から {upper}",
    "scale_lower": "{number}弱（じゃく）",
    "scale_upper": "{number}強（きょう）",
    "eew_headline": "きんきゅう じしん そくほう：{areas}で 強（つよ）く ゆれます",
    "eew_forecast_line": "ゆれの 大（おお）きさ：{intensity}",
    "eew_action": (
        "頭（あたま）を まもって ください。じょうぶな つくえの 下（した）に 入（はい）って "
        "ください。まどや たおれる ものから はなれて ください。あわてて 外（そと）に "
        "出（で）ないで ください。"
    ),
    "quake_headline": "じしんが ありました：いちばん 大（おお）きい ゆれは {intensity}",
    "quake_action_strong": (
        "また じしんが くるかも しれません。こわれた たてものや かべ、がけに ちかづかないで "
        "ください。しやくしょ などの 話（はなし）を きいて ください。"
    ),
    "quake_action_minor": (
        "まわりが あんぜんか たしかめて ください。これからの じょうほうに 気（き）を "
        "つけて ください。"
    ),
    "tsunami_outlook_none": "この じしんで つなみは きません。",
    "tsunami_outlook_slight": (
        "うみの 水（みず）の 高（たか）さが すこし かわるかも "
        "しれません。うみの 中（なか）や うみの 近（ちか）くでは 気（き）を "
        "つけて ください。"
    ),
    "tsunami_outlook_warning": "つなみの けいほう などが 出（で）て います。",
    "major_tsunami_warning_headline": (
        "とても 大（おお）きい つなみが きます（大津波警報）：{areas}"
    ),
    "tsunami_warning_headline": "つなみが きます（津波警報）：{areas}",
    "tsunami_advisory_headline": "つなみに 気（き）を つけて ください（津波注意報）：{areas}",
    "tsunami_forecast_headline": "うみの 水（みず）が すこし うごきます（津波予報）：{areas}",
    "tsunami_grade_major_warning": "大津波警報（おおつなみけいほう）",
    "tsunami_grade_warning": "津波警報（つなみけいほう）",
    "tsunami_grade_advisory": "津波注意報（つなみちゅういほう）",
    "tsunami_grade_slight": "うみの 水（みず）の 高（たか）さが すこし かわる",
    "tsunami_grade_lifted": "けいほうは おわりました",
    "tsunami_height": "高（たか）さ {height}",
    "tsunami_height_over": "{height}より 高（たか）い",
    "tsunami_height_huge": "とても 高（たか）い",
    "tsunami_height_high": "高（たか）い",
    "tsunami_arrival": "{time}ごろ くる",
    "tsunami_arrival_immediate": "すぐ くる",
    "tsunami_warning_action": (
        "すぐに 高い所（たかいところ）や たかい じょうぶな たてものの 上（うえ）の 階（かい）へ "
        "にげて ください。けいほうが おわるまで もどらないで ください。"
    ),
    "tsunami_advisory_action": (
        "うみに 入（はい）って いる 人（ひと）は すぐに うみから 出（で）て ください。"
        "うみの 近（ちか）くから はなれて ください。"
    ),
    "tsunami_forecast_action": (
        "うみの 水（みず）の 高（たか）さが すこし かわります。うみに "
        "入（はい）らないで ください。うみの 近（ちか）くでは 気（き）を "
        "つけて ください。"
    ),
    "weather_emergency_headline": "{phenomena}の 特別警報（とくべつけいほう）",
    "weather_warning_headline": "{phenomena}の 警報（けいほう）",
    "weather_advisory_headline": "{phenomena}の 注意報（ちゅういほう）",
    "weather_lifted_headline": "けいほう などが おわりました：{areas}",
    "weather_emergency_item": "{phenomenon}の 特別警報（とくべつけいほう）",
    "weather_warning_item": "{phenomenon}の 警報（けいほう）",
    "weather_advisory_item": "{phenomenon}の 注意報（ちゅういほう）",
    "weather_phenomena": {
        W.HEAVY_RAIN: "大雨（おおあめ）",
        W.FLOOD: "川（かわ）の 水（みず）が あふれる こと",
        W.STORM: "とても 強（つよ）い 風（かぜ）",
        W.SNOWSTORM: "とても 強（つよ）い 風（かぜ）と 雪（ゆき）",
        W.HEAVY_SNOW: "大雪（おおゆき）",
        W.HIGH_WAVES: "高（たか）い 波（なみ）",
        W.STORM_SURGE: "高潮（たかしお）",
        W.THUNDERSTORM: "かみなり",
        W.GALE: "強（つよ）い 風（かぜ）",
        W.WIND_AND_SNOW: "強（つよ）い 風（かぜ）と 雪（ゆき）",
        W.SNOWMELT: "雪（ゆき）が とける こと",
        W.DENSE_FOG: "こい きり",
        W.DRY_AIR: "空気（くうき）の かんそう",
        W.AVALANCHE: "なだれ",
        W.LOW_TEMPERATURE: "とても さむい こと",
        W.FROST: "しも",
        W.ICING: "こおりが つく こと",
        W.SNOW_ACCRETION: "雪（ゆき）が つく こと",
    },
    "weather_emergency_action": (
        "いのちが あぶないです。すぐに あんぜんな ところへ にげて ください。外（そと）が "
        "あぶない ときは、がけや 川（かわ）から はなれた たてものの 上（うえ）の 階（かい）へ "
        "行（い）って ください。"
    ),
    "weather_warning_action": (
        "外（そと）に 出（で）ないで ください。ひなんの じょうほうを たしかめて、すぐ "
        "にげられるように して ください。"
    ),
    "weather_advisory_action": (
        "外（そと）では 気（き）を つけて ください。新（あたら）しい 天気（てんき）の "
        "じょうほうを たしかめて ください。"
    ),
    "weather_lifted_action": (
        "川（かわ）や がけは まだ あぶない ことが あります。気（き）を つけて ください。"
    ),
    "volcano_level_headline": "{volcano}：噴火警戒（ふんかけいかい）レベル{level}（{keyword}）",
    "volcano_warning_headline": "{volcano}：{warning}",
    "volcano_level_keywords": (
        "かざん です。気（き）を つけて ください",
        "火口（かこう）の 近（ちか）くに 行（い）かないで ください",
        "山（やま）に 入（はい）らないで ください",
        "おとしよりなどは にげて ください。ほかの 人（ひと）は じゅんびを して ください",
        "にげて ください",
    ),
    "volcano_warning_residential": (
        "噴火警報（ふんかけいほう）：人（ひと）が すむ ところも あぶない"
    ),
    "volcano_warning_crater": (
        "噴火警報（ふんかけいほう）：火口（かこう）の 近（ちか）くが あぶない"
    ),
    "volcano_warning_sea": "噴火警報（ふんかけいほう）：まわりの うみが あぶない",
    "volcano_warning_forecast": "噴火予報（ふんかよほう）：かざん です。気（き）を つけて ください",
    "volcano_action_evacuate": (
        "しやくしょ などの 話（はなし）を きいて、すぐに あぶない ところから にげて ください。"
    ),
    "volcano_action_prepare": (
        "おとしよりや、にげるのに 時間（じかん）が かかる 人（ひと）は すぐに "
        "にげて ください。ほかの 人（ひと）は にげる じゅんびを して "
        "ください。あぶない ところに 入（はい）らないで ください。"
    ),
    "volcano_action_keep_off_mountain": (
        "山（やま）に のぼらないで ください。入（はい）っては いけない ところに "
        "入（はい）らないで ください。"
    ),
    "volcano_action_keep_off_crater": "火口（かこう）に ちかづかないで ください。",
    "volcano_action_sea": "かざんの まわりの うみに ちかづかないで ください。",
    "volcano_action_aware": (
        "かざん です。その ばしょの あんないを まもって ください。入（はい）っては いけない "
        "ところに 入（はい）らないで ください。"
    ),
    "heat_headline": "ねっちゅうしょうに 気（き）を つけて ください（熱中症警戒アラート）：{areas}",
    "heat_special_headline": "とても あつくて あぶない です（熱中症特別警戒アラート）：{areas}",
    "heat_wbgt_line": "あつさの 数字（すうじ）（WBGT）：{wbgt}",
    "heat_date_line": "日（ひ）：{date}",
    "heat_action": (
        "あつい ところに 行（い）かないで ください。クーラーの ある へやに いて ください。"
        "水（みず）を たくさん のんで ください。外（そと）で うんどうしないで ください。"
    ),
    "heat_special_action": (
        "だれでも びょうきに なるかも しれない あつさ です。すずしい ところ（クーリング"
        "シェルター など）に いて ください。水（みず）を たくさん のんで ください。まわりの "
        "人（ひと）にも 声（こえ）を かけて ください。"
    ),
    "evacuation_level3_headline": (
        "警戒（けいかい）レベル3 おとしよりや にげるのに 時間（じかん）が "
        "かかる 人（ひと）は すぐ にげて ください。ほかの 人（ひと）は "
        "じゅんびを して ください：{areas}"
    ),
    "evacuation_level4_headline": "警戒（けいかい）レベル4 みんな にげて ください：{areas}",
    "evacuation_level5_headline": "警戒（けいかい）レベル5 いのちを まもって ください：{areas}",
    "shelter_line": "ひなんじょ（にげる ところ）：{shelter}",
    "nearest_shelter": "近（ちか）くの ひなんじょ",
    "evacuation_level3_action": (
        "おとしよりや、にげるのに 時間（じかん）が かかる 人（ひと）は、すぐに "
        "{shelter}へ にげて ください。ほかの 人（ひと）は にげる じゅんびを "
        "して ください。"
    ),
    "evacuation_level4_action": (
        "すぐに {shelter}へ にげて ください。外（そと）に 出（で）るのが あぶない ときは、"
        "じょうぶな たてものの 上（うえ）の 階（かい）へ 行（い）って ください。"
    ),
    "evacuation_level5_action": (
        "さいがいが おきて います。いま いる ところから 行（い）ける いちばん あんぜんな "
        "ところ（がけから はなれた たてものの 上（うえ）の 階（かい）など）へ すぐに "
        "行（い）って ください。"
    ),
    "missile_headline": "ミサイルが とんで くるかも しれません：{areas}",
    "missile_action": (
        "すぐに じょうぶな たてものの 中（なか）か、地下（ちか）に 入（はい）って ください。"
        "たてものが ない ときは、ものの かげに かくれるか、地面（じめん）に ふせて "
        "頭（あたま）を まもって ください。まどから はなれて ください。"
    ),
    "tsunami_arrival_estimated": "つなみが もう きて いると 思（おも）われます",
    "tsunami_arrival_observed": "つなみの さいしょの 波（なみ）が きました",
    "tsunami_arrival_already": "つなみは もう きたと 思（おも）われます",
    "tsunami_observed": "きた つなみの 高（たか）さ {height}",
    "tsunami_observed_rising": "まだ 高（たか）く なって います",
    "tsunami_height_under": "{height}より ひくい",
    "tsunami_warning_lifted_headline": "つなみの けいほうは おわりました（津波警報解除）：{areas}",
    "tsunami_advisory_lifted_headline": (
        "つなみの ちゅういほうは おわりました（津波注意報解除）：{areas}"
    ),
    "tsunami_lifted_action": (
        "つなみの けいほうと ちゅういほうは おわりました。でも しばらく うみの 水（みず）が "
        "すこし うごきます。うみに 入（はい）る ときや つりを する ときは "
        "気（き）を つけて ください。"
    ),
    "magnitude_over_line": (
        "じしんの 大（おお）きさ（マグニチュード）：{magnitude}より 大（おお）きい、とても "
        "大（おお）きい じしん"
    ),
    "tsunami_outlook_investigating": (
        "日本（にほん）に つなみが くるか どうか、いま しらべて います。"
    ),
    "quake_hypocentre_headline": "じしんが ありました：じしんが おきた ところは {place}",
    "quake_distant_headline": (
        "外国（がいこく）で 大（おお）きな じしん（または ふんか）が ありました：{place}"
    ),
}


SAFETY_CHECK: dict[str, str] = {
    "question": "あなたは だいじょうぶ ですか？",
    "safe": "わたしは だいじょうぶ です",
    "need_help": "たすけて ください",
    "hint": (
        "「たすけて ください」を おすと、あなたが いる だいたいの 場所（ばしょ）"
        "（1キロメートルぐらい）を、たすける 人（ひと）だけに おしえます。"
    ),
    "thanks_safe": "ありがとう ございます。あなたが だいじょうぶ だと わかりました。",
    "thanks_help": (
        "たすけが ひつような ことを、たすける 人（ひと）に つたえました。できたら、"
        "あんぜんな 場所（ばしょ）に いて ください。"
    ),
}
"""The safety check on an alert's page, for a reader of easy Japanese (``?lang=ja-x-easy``):
the words everyone learns first (だいじょうぶ, たすけて), no kanji without its reading."""
