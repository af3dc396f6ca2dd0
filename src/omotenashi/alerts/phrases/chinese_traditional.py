"""Traditional Chinese, in Taiwan usage (豪雨, 暴潮, 規模 for magnitude), keeping JMA's terms
(震度6弱, 注意報) as JMA's Chinese pages do."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "【演習，並非真實警報】{headline}",
    "test_headline": "【測試，並非真實警報】{headline}",
    "corrected_headline": "【更正】{headline}",
    "label_value": "{label}：{value}",
    "detail_separator": "，",
    "more_areas": "另外{count}個地區",
    "areas_line": "對象地區：{areas}",
    "source_line": "發布機關：{source}",
    "issued_line": "發布時間：{time}",
    "valid_until_line": "有效期限至：{time}",
    "origin_time_line": "地震發生時間：{time}",
    "epicentre_line": "震央：{place}",
    "magnitude_line": "規模：{magnitude}",
    "depth_line": "震源深度：約{depth}",
    "depth_very_shallow_line": "震源深度：極淺",
    "intensity": "震度{scale}",
    "intensity_or_more": "震度{scale}以上",
    "intensity_range": "震度{lower}至{upper}",
    "scale_lower": "{number}弱",
    "scale_upper": "{number}強",
    "eew_headline": "緊急地震速報：{areas}將出現強烈搖晃",
    "eew_forecast_line": "預估搖晃程度：{intensity}",
    "eew_action": ("請保護頭部，躲到堅固的桌子下。遠離窗戶和容易倒下的物品，不要慌忙跑到室外。"),
    "quake_headline": "地震資訊：觀測到最大{intensity}",
    "quake_action_strong": (
        "請注意餘震。不要靠近受損的建築物、圍牆和陡坡，並聽從當地政府等的指示。"
    ),
    "quake_action_minor": "請確認周圍是否安全，並留意後續資訊。",
    "tsunami_outlook_none": "此次地震不會引發海嘯。",
    "tsunami_outlook_slight": "海面可能出現輕微變動，但無需擔心受災。",
    "tsunami_outlook_warning": "目前已發布海嘯警報等。",
    "major_tsunami_warning_headline": "大海嘯警報：{areas}",
    "tsunami_warning_headline": "海嘯警報：{areas}",
    "tsunami_advisory_headline": "海嘯注意報：{areas}",
    "tsunami_forecast_headline": "海嘯預報：{areas}",
    "tsunami_grade_major_warning": "大海嘯警報",
    "tsunami_grade_warning": "海嘯警報",
    "tsunami_grade_advisory": "海嘯注意報",
    "tsunami_grade_slight": "海面輕微變動",
    "tsunami_grade_lifted": "警報、注意報已解除",
    "tsunami_height": "預估高度{height}",
    "tsunami_height_over": "超過{height}",
    "tsunami_height_huge": "巨大",
    "tsunami_height_high": "高",
    "tsunami_arrival": "第一波預估抵達時間{time}",
    "tsunami_arrival_immediate": "海嘯即將抵達",
    "tsunami_warning_action": ("請立即前往高地或堅固高樓的高樓層避難。在警報解除之前請勿返回。"),
    "tsunami_advisory_action": "請立即離開海水，遠離海岸。",
    "tsunami_forecast_action": "在海中或海邊時請注意安全。無需擔心受災。",
    "weather_emergency_headline": "{phenomena}特別警報",
    "weather_warning_headline": "{phenomena}警報",
    "weather_advisory_headline": "{phenomena}注意報",
    "weather_lifted_headline": "警報、注意報已解除：{areas}",
    "weather_emergency_item": "{phenomenon}特別警報",
    "weather_warning_item": "{phenomenon}警報",
    "weather_advisory_item": "{phenomenon}注意報",
    "weather_phenomena": {
        W.HEAVY_RAIN: "豪雨",
        W.FLOOD: "洪水",
        W.STORM: "暴風",
        W.SNOWSTORM: "暴風雪",
        W.HEAVY_SNOW: "大雪",
        W.HIGH_WAVES: "大浪",
        W.STORM_SURGE: "暴潮",
        W.THUNDERSTORM: "雷電",
        W.GALE: "強風",
        W.WIND_AND_SNOW: "風雪",
        W.SNOWMELT: "融雪",
        W.DENSE_FOG: "濃霧",
        W.DRY_AIR: "乾燥",
        W.AVALANCHE: "雪崩",
        W.LOW_TEMPERATURE: "低溫",
        W.FROST: "霜害",
        W.ICING: "結冰",
        W.SNOW_ACCRETION: "積雪附著",
    },
    "weather_emergency_action": (
        "生命面臨危險。請立即確保自身安全：前往避難所；如外出危險，"
        "請移動到遠離山崖和河川的建築物高樓層。"
    ),
    "weather_warning_action": "請避免外出，確認所在地區的避難資訊，做好隨時避難的準備。",
    "weather_advisory_action": "在戶外請注意安全，並確認最新的氣象資訊。",
    "weather_lifted_action": "河川和斜坡可能仍有危險，請繼續注意。",
    "volcano_level_headline": "{volcano}：火山警戒等級{level}（{keyword}）",
    "volcano_warning_headline": "{volcano}：{warning}",
    "volcano_level_keywords": (
        "留意此為活火山",
        "火山口周邊管制",
        "禁止入山",
        "高齡者等需要時間的人避難，其他人做好準備",
        "避難",
    ),
    "volcano_warning_residential": "火山噴發警報（居住地區）",
    "volcano_warning_crater": "火山噴發警報（火山口周邊）",
    "volcano_warning_sea": "火山噴發警報（周邊海域）",
    "volcano_warning_forecast": "火山噴發預報（留意此為活火山）",
    "volcano_action_evacuate": "請依照市町村的指示，立即從危險區域避難。",
    "volcano_action_prepare": (
        "高齡者等避難需要時間的人請立即避難。其他人請做好避難準備，不要進入危險區域。"
    ),
    "volcano_action_keep_off_mountain": "請勿登山，不要進入管制區域。",
    "volcano_action_keep_off_crater": "請勿靠近火山口。",
    "volcano_action_sea": "請遠離火山周邊的海域。",
    "volcano_action_aware": "這是活火山。請遵從當地指引，不要進入禁止進入的區域。",
    "heat_headline": "中暑警戒警報：{areas}",
    "heat_special_headline": "中暑特別警戒警報：{areas}",
    "heat_wbgt_line": "預估暑熱指數（WBGT）：{wbgt}",
    "heat_date_line": "對象日期：{date}",
    "heat_action": "請避開高溫，待在有冷氣的地方，勤補充水分，避免戶外運動。",
    "heat_special_action": (
        "危險的高溫可能危害所有人的健康。請待在涼爽的地方（如避暑設施），"
        "勤補充水分，並關心身邊的人。"
    ),
    "evacuation_level3_headline": (
        "警戒等級3 高齡者等避難需要時間的人立即避難，其他人做好避難準備：{areas}"
    ),
    "evacuation_level4_headline": "警戒等級4 避難指示：{areas}",
    "evacuation_level5_headline": "警戒等級5 緊急確保安全：{areas}",
    "shelter_line": "避難場所：{shelter}",
    "nearest_shelter": "附近的避難場所",
    "evacuation_level3_action": (
        "高齡者、身心障礙者等避難需要時間的人請立即前往{shelter}避難。其他人請做好避難準備。"
    ),
    "evacuation_level4_action": (
        "請立即前往{shelter}避難。如果外出危險，請移動到堅固建築物的高樓層。"
    ),
    "evacuation_level5_action": (
        "災害已經發生或迫在眉睫。請立即移動到能抵達的最安全的地方，例如遠離山崖的建築物高樓層。"
    ),
    "missile_headline": "飛彈警報：{areas}",
    "missile_action": (
        "請立即進入堅固的建築物內或地下避難。附近沒有建築物時，請躲在物體後方或趴在地上保護頭部。"
        "請遠離窗戶。"
    ),
    "tsunami_arrival_estimated": "推測海嘯正在抵達",
    "tsunami_arrival_observed": "已觀測到第一波抵達",
    "tsunami_arrival_already": "推測海嘯已經抵達",
    "tsunami_observed": "已觀測到海嘯：{height}",
    "tsunami_observed_rising": "仍在上升",
    "tsunami_height_under": "未滿{height}",
    "tsunami_warning_lifted_headline": "海嘯警報解除：{areas}",
    "tsunami_advisory_lifted_headline": "海嘯注意報解除：{areas}",
    "tsunami_lifted_action": (
        "海嘯警報、注意報已解除。今後一段時間海面可能仍有輕微變動，下海作業、釣魚或游泳時請充"
        "分注意。"
    ),
    "magnitude_over_line": "規模：超過{magnitude}的巨大地震",
    "tsunami_outlook_investigating": "是否會有海嘯抵達日本，目前正在調查中。",
    "quake_hypocentre_headline": "地震資訊：震央位於{place}",
    "quake_distant_headline": "海外發生大地震（或火山噴發）：{place}",
}
