"""Vietnamese. "Cảnh báo" for 警報 and "chú ý" for 注意報; 震度5弱 / 5強 as "5 yếu" / "5 mạnh"."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "[DIỄN TẬP – không phải cảnh báo thật] {headline}",
    "test_headline": "[THỬ NGHIỆM – không phải cảnh báo thật] {headline}",
    "corrected_headline": "[Đính chính] {headline}",
    "label_value": "{label}: {value}",
    "detail_separator": "; ",
    "more_areas": "{count} khu vực khác",
    "areas_line": "Khu vực: {areas}",
    "source_line": "Nguồn: {source}",
    "issued_line": "Phát hành: {time}",
    "valid_until_line": "Có hiệu lực đến: {time}",
    "origin_time_line": "Thời điểm xảy ra động đất: {time}",
    "epicentre_line": "Tâm chấn: {place}",
    "magnitude_line": "Độ lớn (magnitude): {magnitude}",
    "depth_line": "Độ sâu: khoảng {depth}",
    "depth_very_shallow_line": "Độ sâu: rất nông",
    "intensity": "cường độ địa chấn {scale}",
    "intensity_or_more": "cường độ địa chấn {scale} trở lên",
    "intensity_range": "cường độ địa chấn từ {lower} đến {upper}",
    "scale_lower": "{number} yếu",
    "scale_upper": "{number} mạnh",
    "eew_headline": "Cảnh báo sớm động đất: dự kiến rung lắc mạnh tại {areas}",
    "eew_forecast_line": "Mức rung lắc dự kiến: {intensity}",
    "eew_action": (
        "Hãy bảo vệ đầu và nấp dưới gầm bàn chắc chắn. Tránh xa cửa sổ và những đồ vật có thể "
        "rơi đổ. Đừng vội vàng chạy ra ngoài."
    ),
    "quake_headline": "Động đất – mức rung lắc lớn nhất quan sát được: {intensity}",
    "quake_action_strong": (
        "Hãy cẩn thận với dư chấn. Tránh xa các tòa nhà bị hư hại, tường rào và sườn dốc, và làm "
        "theo hướng dẫn của chính quyền."
    ),
    "quake_action_minor": (
        "Hãy kiểm tra xem xung quanh có an toàn không và chú ý các thông tin tiếp theo."
    ),
    "tsunami_outlook_none": "Trận động đất này không gây ra sóng thần.",
    "tsunami_outlook_slight": (
        "Mực nước biển có thể thay đổi nhẹ nhưng không có nguy cơ thiệt hại."
    ),
    "tsunami_outlook_warning": "Đang có cảnh báo hoặc chú ý sóng thần.",
    "major_tsunami_warning_headline": "Cảnh báo sóng thần lớn: {areas}",
    "tsunami_warning_headline": "Cảnh báo sóng thần: {areas}",
    "tsunami_advisory_headline": "Chú ý sóng thần: {areas}",
    "tsunami_forecast_headline": "Dự báo sóng thần: {areas}",
    "tsunami_grade_major_warning": "Cảnh báo sóng thần lớn",
    "tsunami_grade_warning": "Cảnh báo sóng thần",
    "tsunami_grade_advisory": "Chú ý sóng thần",
    "tsunami_grade_slight": "Mực nước biển thay đổi nhẹ",
    "tsunami_grade_lifted": "Đã dỡ bỏ cảnh báo hoặc chú ý",
    "tsunami_height": "độ cao dự kiến {height}",
    "tsunami_height_over": "trên {height}",
    "tsunami_height_huge": "cực lớn",
    "tsunami_height_high": "cao",
    "tsunami_arrival": "sóng đầu tiên dự kiến đến lúc {time}",
    "tsunami_arrival_immediate": "sắp đến ngay",
    "tsunami_warning_action": (
        "Hãy lánh nạn ngay lên chỗ cao hoặc các tầng trên của tòa nhà cao, kiên cố. Không quay "
        "lại cho đến khi cảnh báo được dỡ bỏ."
    ),
    "tsunami_advisory_action": "Hãy lên bờ ngay và tránh xa bờ biển.",
    "tsunami_forecast_action": (
        "Hãy cẩn thận khi ở dưới biển hoặc gần biển; không có nguy cơ thiệt hại."
    ),
    "weather_emergency_headline": "Cảnh báo đặc biệt: {phenomena}",
    "weather_warning_headline": "Cảnh báo thời tiết: {phenomena}",
    "weather_advisory_headline": "Chú ý thời tiết: {phenomena}",
    "weather_lifted_headline": "Đã dỡ bỏ cảnh báo và chú ý thời tiết: {areas}",
    "weather_emergency_item": "cảnh báo đặc biệt {phenomenon}",
    "weather_warning_item": "cảnh báo {phenomenon}",
    "weather_advisory_item": "chú ý {phenomenon}",
    "weather_phenomena": {
        W.HEAVY_RAIN: "mưa lớn",
        W.FLOOD: "lũ lụt",
        W.STORM: "gió bão",
        W.SNOWSTORM: "bão tuyết",
        W.HEAVY_SNOW: "tuyết rơi dày",
        W.HIGH_WAVES: "sóng lớn",
        W.STORM_SURGE: "nước dâng do bão",
        W.THUNDERSTORM: "dông sét",
        W.GALE: "gió mạnh",
        W.WIND_AND_SNOW: "gió và tuyết",
        W.SNOWMELT: "tuyết tan",
        W.DENSE_FOG: "sương mù dày",
        W.DRY_AIR: "khô hanh",
        W.AVALANCHE: "tuyết lở",
        W.LOW_TEMPERATURE: "nhiệt độ thấp",
        W.FROST: "sương giá",
        W.ICING: "đóng băng",
        W.SNOW_ACCRETION: "tuyết bám",
    },
    "weather_emergency_action": (
        "Tính mạng đang gặp nguy hiểm. Hãy bảo đảm an toàn ngay: đến nơi lánh nạn, hoặc nếu ra "
        "ngoài nguy hiểm thì lên tầng cao, tránh xa sườn dốc và sông."
    ),
    "weather_warning_action": (
        "Hạn chế ra ngoài, kiểm tra thông tin sơ tán của khu vực và sẵn sàng sơ tán."
    ),
    "weather_advisory_action": (
        "Hãy cẩn thận khi ở ngoài trời và kiểm tra thông tin thời tiết mới nhất."
    ),
    "weather_lifted_action": "Hãy tiếp tục cẩn thận: sông và sườn dốc vẫn có thể nguy hiểm.",
    "volcano_level_headline": "{volcano}: cấp độ cảnh báo núi lửa {level} ({keyword})",
    "volcano_warning_headline": "{volcano}: {warning}",
    "volcano_level_keywords": (
        "Lưu ý đây là núi lửa đang hoạt động",
        "Hạn chế khu vực quanh miệng núi lửa",
        "Cấm lên núi",
        "Người cao tuổi và người cần nhiều thời gian sơ tán; người khác chuẩn bị",
        "Sơ tán",
    ),
    "volcano_warning_residential": "Cảnh báo phun trào (khu dân cư)",
    "volcano_warning_crater": "Cảnh báo phun trào (quanh miệng núi lửa)",
    "volcano_warning_sea": "Cảnh báo phun trào (vùng biển xung quanh)",
    "volcano_warning_forecast": "Dự báo phun trào (núi lửa đang hoạt động)",
    "volcano_action_evacuate": (
        "Hãy sơ tán ngay khỏi khu vực nguy hiểm theo hướng dẫn của chính quyền địa phương."
    ),
    "volcano_action_prepare": (
        "Người cao tuổi và người cần nhiều thời gian để sơ tán: hãy sơ tán "
        "ngay. Những người khác: chuẩn bị sơ tán và không vào khu vực nguy "
        "hiểm."
    ),
    "volcano_action_keep_off_mountain": "Không leo núi và không vào khu vực bị hạn chế.",
    "volcano_action_keep_off_crater": "Không đến gần miệng núi lửa.",
    "volcano_action_sea": "Tránh xa vùng biển quanh núi lửa.",
    "volcano_action_aware": (
        "Đây là núi lửa đang hoạt động: hãy làm theo hướng dẫn tại chỗ và không vào khu vực bị "
        "đóng."
    ),
    "heat_headline": "Cảnh báo say nắng: {areas}",
    "heat_special_headline": "Cảnh báo đặc biệt về say nắng: {areas}",
    "heat_wbgt_line": "Chỉ số nóng dự kiến (WBGT): {wbgt}",
    "heat_date_line": "Ngày: {date}",
    "heat_action": (
        "Tránh nắng nóng: ở nơi có điều hòa, uống nước thường xuyên và không vận động ngoài trời."
    ),
    "heat_special_action": (
        "Cái nóng này đe dọa sức khỏe của mọi người. Hãy ở nơi mát mẻ (như điểm tránh nóng), "
        "uống nước thường xuyên và quan tâm đến những người xung quanh."
    ),
    "evacuation_level3_headline": (
        "Cấp cảnh báo 3 – người cao tuổi và người cần nhiều thời gian để sơ "
        "tán phải sơ tán ngay; những người khác chuẩn bị: {areas}"
    ),
    "evacuation_level4_headline": "Cấp cảnh báo 4 – lệnh sơ tán: {areas}",
    "evacuation_level5_headline": "Cấp cảnh báo 5 – khẩn cấp, hãy bảo vệ tính mạng: {areas}",
    "shelter_line": "Nơi lánh nạn: {shelter}",
    "nearest_shelter": "nơi lánh nạn gần nhất",
    "evacuation_level3_action": (
        "Người cao tuổi, người khuyết tật và người cần nhiều thời gian để sơ "
        "tán: hãy sơ tán ngay đến {shelter}. Những người khác: hãy chuẩn bị sơ "
        "tán."
    ),
    "evacuation_level4_action": (
        "Hãy sơ tán ngay đến {shelter}. Nếu ra ngoài nguy hiểm, hãy lên tầng cao của một tòa nhà "
        "kiên cố."
    ),
    "evacuation_level5_action": (
        "Thảm họa đang xảy ra hoặc sắp xảy ra. Hãy di chuyển ngay đến nơi an toàn nhất có thể, "
        "như tầng cao tránh xa sườn dốc."
    ),
    "missile_headline": "Cảnh báo tên lửa: {areas}",
    "missile_action": (
        "Hãy vào ngay bên trong tòa nhà kiên cố hoặc xuống dưới lòng đất. Nếu không có, hãy nấp "
        "sau vật che chắn hoặc nằm sấp xuống đất và bảo vệ đầu. Tránh xa cửa sổ."
    ),
    "tsunami_arrival_estimated": "ước tính sóng thần đang đến",
    "tsunami_arrival_observed": "đã quan sát thấy đợt sóng đầu tiên",
    "tsunami_arrival_already": "ước tính sóng thần đã đến",
    "tsunami_observed": "đã quan sát thấy sóng thần: {height}",
    "tsunami_observed_rising": "vẫn đang dâng cao",
    "tsunami_height_under": "dưới {height}",
    "tsunami_warning_lifted_headline": "Đã dỡ bỏ cảnh báo sóng thần: {areas}",
    "tsunami_advisory_lifted_headline": "Đã dỡ bỏ chú ý sóng thần: {areas}",
    "tsunami_lifted_action": (
        "Cảnh báo hoặc chú ý sóng thần đã được dỡ bỏ. Mực nước biển vẫn có thể thay đổi nhẹ "
        "trong một thời gian: hãy cẩn thận khi xuống biển, bơi hoặc câu cá."
    ),
    "magnitude_over_line": "Độ lớn (magnitude): trên {magnitude} (động đất cực lớn)",
    "tsunami_outlook_investigating": "Đang điều tra xem sóng thần có đến Nhật Bản hay không.",
    "quake_hypocentre_headline": "Động đất – tâm chấn: {place}",
    "quake_distant_headline": "Động đất lớn (hoặc phun trào núi lửa) ở nước ngoài: {place}",
}
