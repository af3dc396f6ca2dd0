"""Japanese, in the words JMA and municipalities themselves use (大津波警報, 震度6弱, 避難指示)."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "【訓練・実際の警報ではありません】{headline}",
    "test_headline": "【試験・実際の警報ではありません】{headline}",
    "corrected_headline": "【訂正】{headline}",
    "label_value": "{label}：{value}",
    "detail_separator": "、",
    "more_areas": "ほか{count}地域",
    "areas_line": "対象地域：{areas}",
    "source_line": "発表：{source}",
    "issued_line": "発表時刻：{time}",
    "valid_until_line": "有効期限：{time}",
    "origin_time_line": "発生時刻：{time}",
    "epicentre_line": "震源地：{place}",
    "magnitude_line": "マグニチュード：{magnitude}",
    "depth_line": "深さ：約{depth}",
    "depth_very_shallow_line": "深さ：ごく浅い",
    "intensity": "震度{scale}",
    "intensity_or_more": "震度{scale}以上",
    "intensity_range": "震度{lower}から{upper}",
    "scale_lower": "{number}弱",
    "scale_upper": "{number}強",
    "eew_headline": "緊急地震速報：{areas}で強い揺れ",
    "eew_forecast_line": "予想される揺れ：{intensity}",
    "eew_action": (
        "頭を守り、丈夫な机の下などに身を隠してください。窓や倒れやすい物から離れ、"
        "慌てて外に飛び出さないでください。"
    ),
    "quake_headline": "地震情報：最大{intensity}を観測",
    "quake_action_strong": (
        "余震に注意してください。壊れた建物やブロック塀、急な斜面に近づかず、"
        "自治体などの指示に従ってください。"
    ),
    "quake_action_minor": "身の回りの安全を確認し、今後の情報に注意してください。",
    "tsunami_outlook_none": "この地震による津波の心配はありません。",
    "tsunami_outlook_slight": "若干の海面変動があるかもしれませんが、被害の心配はありません。",
    "tsunami_outlook_warning": "津波警報等を発表中です。",
    "major_tsunami_warning_headline": "大津波警報：{areas}",
    "tsunami_warning_headline": "津波警報：{areas}",
    "tsunami_advisory_headline": "津波注意報：{areas}",
    "tsunami_forecast_headline": "津波予報：{areas}",
    "tsunami_grade_major_warning": "大津波警報",
    "tsunami_grade_warning": "津波警報",
    "tsunami_grade_advisory": "津波注意報",
    "tsunami_grade_slight": "若干の海面変動",
    "tsunami_grade_lifted": "警報・注意報解除",
    "tsunami_height": "予想される高さ{height}",
    "tsunami_height_over": "{height}超",
    "tsunami_height_huge": "巨大",
    "tsunami_height_high": "高い",
    "tsunami_arrival": "第1波の到達予想時刻{time}",
    "tsunami_arrival_immediate": "ただちに津波が来襲",
    "tsunami_warning_action": (
        "ただちに高い所へ避難してください（高台や津波避難ビルなど）。"
        "警報が解除されるまで戻らないでください。"
    ),
    "tsunami_advisory_action": "海の中にいる人はただちに海から上がり、海岸から離れてください。",
    "tsunami_forecast_action": "海に入る際や海辺では注意してください。被害の心配はありません。",
    "weather_emergency_headline": "{phenomena}の特別警報",
    "weather_warning_headline": "{phenomena}の警報",
    "weather_advisory_headline": "{phenomena}の注意報",
    "weather_lifted_headline": "警報・注意報の解除：{areas}",
    "weather_emergency_item": "{phenomenon}特別警報",
    "weather_warning_item": "{phenomenon}警報",
    "weather_advisory_item": "{phenomenon}注意報",
    "weather_phenomena": {
        W.HEAVY_RAIN: "大雨",
        W.FLOOD: "洪水",
        W.STORM: "暴風",
        W.SNOWSTORM: "暴風雪",
        W.HEAVY_SNOW: "大雪",
        W.HIGH_WAVES: "波浪",
        W.STORM_SURGE: "高潮",
        W.THUNDERSTORM: "雷",
        W.GALE: "強風",
        W.WIND_AND_SNOW: "風雪",
        W.SNOWMELT: "融雪",
        W.DENSE_FOG: "濃霧",
        W.DRY_AIR: "乾燥",
        W.AVALANCHE: "なだれ",
        W.LOW_TEMPERATURE: "低温",
        W.FROST: "霜",
        W.ICING: "着氷",
        W.SNOW_ACCRETION: "着雪",
    },
    "weather_emergency_action": (
        "命に危険が及ぶ状況です。ただちに身の安全を確保してください。避難所へ移動するか、"
        "外出が危険な場合は崖や川から離れた建物の上の階へ移動してください。"
    ),
    "weather_warning_action": (
        "不要な外出は控え、滞在先の地域の避難情報を確認し、すぐに避難できるよう準備してください。"
    ),
    "weather_advisory_action": "屋外では注意し、最新の気象情報を確認してください。",
    "weather_lifted_action": "川や斜面はまだ危険なことがあります。引き続き注意してください。",
    "volcano_level_headline": "{volcano}：噴火警戒レベル{level}（{keyword}）",
    "volcano_warning_headline": "{volcano}：{warning}",
    "volcano_level_keywords": (
        "活火山であることに留意",
        "火口周辺規制",
        "入山規制",
        "高齢者等避難",
        "避難",
    ),
    "volcano_warning_residential": "噴火警報（居住地域）",
    "volcano_warning_crater": "噴火警報（火口周辺）",
    "volcano_warning_sea": "噴火警報（周辺海域）",
    "volcano_warning_forecast": "噴火予報（活火山であることに留意）",
    "volcano_action_evacuate": "市町村の指示に従い、ただちに危険な地域から避難してください。",
    "volcano_action_prepare": (
        "高齢者など避難に時間のかかる人はただちに避難してください。その他の人は"
        "避難の準備をし、危険な地域に入らないでください。"
    ),
    "volcano_action_keep_off_mountain": "山に登らず、立入規制区域に入らないでください。",
    "volcano_action_keep_off_crater": "火口に近づかないでください。",
    "volcano_action_sea": "火山周辺の海域に近づかないでください。",
    "volcano_action_aware": ("活火山です。地元の案内に従い、立入禁止の場所に入らないでください。"),
    "heat_headline": "熱中症警戒アラート：{areas}",
    "heat_special_headline": "熱中症特別警戒アラート：{areas}",
    "heat_wbgt_line": "予想される暑さ指数（WBGT）：{wbgt}",
    "heat_date_line": "対象日：{date}",
    "heat_action": (
        "暑さを避け、冷房の効いた場所で過ごし、こまめに水分を取り、屋外での運動は控えてください。"
    ),
    "heat_special_action": (
        "誰もが健康を損なうおそれのある危険な暑さです。涼しい場所（クーリングシェルターなど）で"
        "過ごし、こまめに水分を取り、周りの人にも声をかけてください。"
    ),
    "evacuation_level3_headline": (
        "警戒レベル3 "
        "高齢者等避難（高齢者など避難に時間のかかる人は避難、その他の人は避難の"
        "準備）：{areas}"
    ),
    "evacuation_level4_headline": "警戒レベル4 避難指示：{areas}",
    "evacuation_level5_headline": "警戒レベル5 緊急安全確保：{areas}",
    "shelter_line": "避難場所：{shelter}",
    "nearest_shelter": "近くの避難場所",
    "evacuation_level3_action": (
        "高齢者や障害のある人など避難に時間のかかる人は、ただちに{shelter}へ避"
        "難してください。その他の人は避難の準備をしてください。"
    ),
    "evacuation_level4_action": (
        "ただちに{shelter}へ避難してください。外に出るのが危険な場合は、"
        "丈夫な建物の上の階へ移動してください。"
    ),
    "evacuation_level5_action": (
        "災害が発生しているか、切迫しています。崖から離れた建物の上の階など、"
        "今いる場所から行ける最も安全な場所へただちに移動してください。"
    ),
    "missile_headline": "ミサイル発射情報：{areas}",
    "missile_action": (
        "ただちに頑丈な建物の中か地下に避難してください。近くに建物がない場合は、"
        "物陰に身を隠すか地面に伏せて頭を守ってください。窓から離れてください。"
    ),
    "tsunami_arrival_estimated": "津波到達中と推測",
    "tsunami_arrival_observed": "第１波の到達を確認",
    "tsunami_arrival_already": "既に津波到達と推測",
    "tsunami_observed": "観測した津波の最大波 {height}",
    "tsunami_observed_rising": "上昇中",
    "tsunami_height_under": "{height}未満",
    "tsunami_warning_lifted_headline": "津波警報解除：{areas}",
    "tsunami_advisory_lifted_headline": "津波注意報解除：{areas}",
    "tsunami_lifted_action": (
        "津波警報・注意報は解除されました。今後しばらく若干の海面変動が続く可能性があります。"
        "海に入っての作業や釣り、海水浴などの際は十分注意してください。"
    ),
    "magnitude_over_line": "マグニチュード：{magnitude}を超える巨大地震",
    "tsunami_outlook_investigating": "日本への津波の有無については現在調査中です。",
    "quake_hypocentre_headline": "地震情報：震源は{place}",
    "quake_distant_headline": "海外で規模の大きな地震（または噴火）：{place}",
}
