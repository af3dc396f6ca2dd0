"""Korean. 진도 5약 / 5강 follow JMA's Korean pages for 震度5弱 / 5強."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "[훈련 – 실제 경보가 아닙니다] {headline}",
    "test_headline": "[시험 – 실제 경보가 아닙니다] {headline}",
    "corrected_headline": "[정정] {headline}",
    "label_value": "{label}: {value}",
    "detail_separator": ", ",
    "more_areas": "외 {count}개 지역",
    "areas_line": "대상 지역: {areas}",
    "source_line": "발표: {source}",
    "issued_line": "발표 시각: {time}",
    "valid_until_line": "유효 기한: {time}",
    "origin_time_line": "지진 발생 시각: {time}",
    "epicentre_line": "진원지: {place}",
    "magnitude_line": "규모: {magnitude}",
    "depth_line": "깊이: 약 {depth}",
    "depth_very_shallow_line": "깊이: 매우 얕음",
    "intensity": "진도 {scale}",
    "intensity_or_more": "진도 {scale} 이상",
    "intensity_range": "진도 {lower}~{upper}",
    "scale_lower": "{number}약",
    "scale_upper": "{number}강",
    "eew_headline": "긴급 지진 속보: {areas}에 강한 흔들림 예상",
    "eew_forecast_line": "예상 흔들림: {intensity}",
    "eew_action": (
        "머리를 보호하고 튼튼한 책상 아래로 몸을 숨기십시오. 창문이나 넘어지기 쉬운 물건에서 "
        "떨어지고, 서둘러 밖으로 뛰어나가지 마십시오."
    ),
    "quake_headline": "지진 정보: 최대 {intensity} 관측",
    "quake_action_strong": (
        "여진에 주의하십시오. 파손된 건물이나 담, 가파른 경사면에 다가가지 말고, 지자체 등의 "
        "지시에 따르십시오."
    ),
    "quake_action_minor": "주변이 안전한지 확인하고 이후 정보에 주의하십시오.",
    "tsunami_outlook_none": "이 지진으로 인한 쓰나미 우려는 없습니다.",
    "tsunami_outlook_slight": "약간의 해수면 변동이 있을 수 있지만 피해 우려는 없습니다.",
    "tsunami_outlook_warning": "쓰나미 경보 등이 발표되어 있습니다.",
    "major_tsunami_warning_headline": "대형 쓰나미 경보: {areas}",
    "tsunami_warning_headline": "쓰나미 경보: {areas}",
    "tsunami_advisory_headline": "쓰나미 주의보: {areas}",
    "tsunami_forecast_headline": "쓰나미 예보: {areas}",
    "tsunami_grade_major_warning": "대형 쓰나미 경보",
    "tsunami_grade_warning": "쓰나미 경보",
    "tsunami_grade_advisory": "쓰나미 주의보",
    "tsunami_grade_slight": "약간의 해수면 변동",
    "tsunami_grade_lifted": "경보·주의보 해제",
    "tsunami_height": "예상 높이 {height}",
    "tsunami_height_over": "{height} 초과",
    "tsunami_height_huge": "거대",
    "tsunami_height_high": "높음",
    "tsunami_arrival": "제1파 도달 예상 시각 {time}",
    "tsunami_arrival_immediate": "즉시 도달",
    "tsunami_warning_action": (
        "지금 즉시 높은 곳이나 튼튼한 고층 건물의 위층으로 대피하십시오. 경보가 해제될 때까지 "
        "돌아가지 마십시오."
    ),
    "tsunami_advisory_action": "바다에서 즉시 나와 해안에서 떨어지십시오.",
    "tsunami_forecast_action": (
        "바다에 들어가거나 해안 근처에 있을 때는 주의하십시오. 피해 우려는 없습니다."
    ),
    "weather_emergency_headline": "{phenomena} 특별경보",
    "weather_warning_headline": "{phenomena} 경보",
    "weather_advisory_headline": "{phenomena} 주의보",
    "weather_lifted_headline": "경보·주의보 해제: {areas}",
    "weather_emergency_item": "{phenomenon} 특별경보",
    "weather_warning_item": "{phenomenon} 경보",
    "weather_advisory_item": "{phenomenon} 주의보",
    "weather_phenomena": {
        W.HEAVY_RAIN: "호우",
        W.FLOOD: "홍수",
        W.STORM: "폭풍",
        W.SNOWSTORM: "폭풍설",
        W.HEAVY_SNOW: "대설",
        W.HIGH_WAVES: "풍랑",
        W.STORM_SURGE: "폭풍해일",
        W.THUNDERSTORM: "낙뢰",
        W.GALE: "강풍",
        W.WIND_AND_SNOW: "풍설",
        W.SNOWMELT: "융설",
        W.DENSE_FOG: "짙은 안개",
        W.DRY_AIR: "건조",
        W.AVALANCHE: "눈사태",
        W.LOW_TEMPERATURE: "저온",
        W.FROST: "서리",
        W.ICING: "착빙",
        W.SNOW_ACCRETION: "착설",
    },
    "weather_emergency_action": (
        "생명이 위험한 상황입니다. 즉시 안전을 확보하십시오. 대피소로 이동하거나, 밖으로 나가는 "
        "것이 위험하면 경사면과 강에서 떨어진 건물의 위층으로 이동하십시오."
    ),
    "weather_warning_action": (
        "외출을 삼가고, 머무는 지역의 대피 정보를 확인하여 바로 대피할 수 있도록 준비하십시오."
    ),
    "weather_advisory_action": "야외에서는 주의하고 최신 기상 정보를 확인하십시오.",
    "weather_lifted_action": "강이나 경사면은 아직 위험할 수 있습니다. 계속 주의하십시오.",
    "volcano_level_headline": "{volcano}: 분화 경계 레벨 {level} ({keyword})",
    "volcano_warning_headline": "{volcano}: {warning}",
    "volcano_level_keywords": (
        "활화산임에 유의",
        "화구 주변 규제",
        "입산 규제",
        "고령자 등 시간이 걸리는 분은 대피, 그 밖의 분은 준비",
        "대피",
    ),
    "volcano_warning_residential": "분화 경보(거주 지역)",
    "volcano_warning_crater": "분화 경보(화구 주변)",
    "volcano_warning_sea": "분화 경보(주변 해역)",
    "volcano_warning_forecast": "분화 예보(활화산임에 유의)",
    "volcano_action_evacuate": "지자체의 지시에 따라 즉시 위험 지역에서 대피하십시오.",
    "volcano_action_prepare": (
        "고령자 등 대피에 시간이 걸리는 분은 즉시 대피하십시오. 그 밖의 분은 "
        "대피를 준비하고 위험 지역에 들어가지 마십시오."
    ),
    "volcano_action_keep_off_mountain": "산에 오르거나 출입 규제 구역에 들어가지 마십시오.",
    "volcano_action_keep_off_crater": "화구에 다가가지 마십시오.",
    "volcano_action_sea": "화산 주변 해역에 다가가지 마십시오.",
    "volcano_action_aware": (
        "활화산입니다. 현지 안내에 따르고 출입 금지 구역에 들어가지 마십시오."
    ),
    "heat_headline": "열사병 경계 경보: {areas}",
    "heat_special_headline": "열사병 특별 경계 경보: {areas}",
    "heat_wbgt_line": "예상 더위 지수(WBGT): {wbgt}",
    "heat_date_line": "대상일: {date}",
    "heat_action": (
        "더위를 피하고 에어컨이 있는 곳에서 지내며, 물을 자주 마시고 야외 운동을 삼가십시오."
    ),
    "heat_special_action": (
        "누구나 건강을 해칠 수 있는 위험한 더위입니다. 시원한 곳(쿨링 셸터 등)에서 지내고, "
        "물을 자주 마시며, 주변 사람도 살펴 주십시오."
    ),
    "evacuation_level3_headline": (
        "경계 레벨 3 고령자 등 대피에 시간이 걸리는 분은 즉시 대피, 그 밖의 분은 대피 준비: {areas}"
    ),
    "evacuation_level4_headline": "경계 레벨 4 대피 지시: {areas}",
    "evacuation_level5_headline": "경계 레벨 5 긴급 안전 확보: {areas}",
    "shelter_line": "대피 장소: {shelter}",
    "nearest_shelter": "가까운 대피 장소",
    "evacuation_level3_action": (
        "고령자, 장애인 등 대피에 시간이 걸리는 분은 지금 즉시 {shelter}(으)로 "
        "대피하십시오. 그 밖의 분은 대피를 준비하십시오."
    ),
    "evacuation_level4_action": (
        "지금 즉시 {shelter}(으)로 대피하십시오. 밖으로 나가는 것이 위험하면 튼튼한 "
        "건물의 위층으로 이동하십시오."
    ),
    "evacuation_level5_action": (
        "재해가 발생했거나 임박했습니다. 경사면에서 떨어진 건물의 위층 등 갈 수 있는 가장 "
        "안전한 곳으로 즉시 이동하십시오."
    ),
    "missile_headline": "미사일 경보: {areas}",
    "missile_action": (
        "즉시 튼튼한 건물 안이나 지하로 대피하십시오. 근처에 건물이 없으면 물체 뒤에 숨거나 "
        "땅에 엎드려 머리를 보호하십시오. 창문에서 떨어지십시오."
    ),
    "tsunami_arrival_estimated": "쓰나미가 도달 중인 것으로 추정",
    "tsunami_arrival_observed": "제1파 도달 확인",
    "tsunami_arrival_already": "쓰나미가 이미 도달한 것으로 추정",
    "tsunami_observed": "관측된 쓰나미: {height}",
    "tsunami_observed_rising": "계속 상승 중",
    "tsunami_height_under": "{height} 미만",
    "tsunami_warning_lifted_headline": "쓰나미 경보 해제: {areas}",
    "tsunami_advisory_lifted_headline": "쓰나미 주의보 해제: {areas}",
    "tsunami_lifted_action": (
        "쓰나미 경보·주의보가 해제되었습니다. 당분간 해수면이 약간 변동할 수 있으니 바다에 "
        "들어가거나 낚시, 해수욕을 할 때는 충분히 주의하십시오."
    ),
    "magnitude_over_line": "규모: {magnitude}을(를) 넘는 거대 지진",
    "tsunami_outlook_investigating": "일본에 쓰나미가 도달할지 현재 조사 중입니다.",
    "quake_hypocentre_headline": "지진 정보 – 진앙: {place}",
    "quake_distant_headline": "해외에서 큰 지진(또는 분화) 발생: {place}",
}
