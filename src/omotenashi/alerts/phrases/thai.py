"""Thai. Thai separates sentences with spaces rather than full stops; "เตือนภัย" for 警報 and
"เฝ้าระวัง" for 注意報."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "[การฝึกซ้อม – ไม่ใช่การแจ้งเตือนจริง] {headline}",
    "test_headline": "[การทดสอบ – ไม่ใช่การแจ้งเตือนจริง] {headline}",
    "corrected_headline": "[แก้ไข] {headline}",
    "label_value": "{label}: {value}",
    "detail_separator": " / ",
    "more_areas": "อีก {count} พื้นที่",
    "areas_line": "พื้นที่: {areas}",
    "source_line": "แหล่งที่มา: {source}",
    "issued_line": "ประกาศเมื่อ: {time}",
    "valid_until_line": "มีผลถึง: {time}",
    "origin_time_line": "เวลาเกิดแผ่นดินไหว: {time}",
    "epicentre_line": "จุดศูนย์กลางแผ่นดินไหว: {place}",
    "magnitude_line": "ขนาด (แมกนิจูด): {magnitude}",
    "depth_line": "ความลึก: ประมาณ {depth}",
    "depth_very_shallow_line": "ความลึก: ตื้นมาก",
    "intensity": "ความรุนแรงแผ่นดินไหวระดับ {scale}",
    "intensity_or_more": "ความรุนแรงแผ่นดินไหวระดับ {scale} ขึ้นไป",
    "intensity_range": "ความรุนแรงแผ่นดินไหวระดับ {lower} ถึง {upper}",
    "scale_lower": "{number} ต่ำ",
    "scale_upper": "{number} สูง",
    "eew_headline": "แจ้งเตือนแผ่นดินไหวล่วงหน้า: คาดว่าจะสั่นไหวรุนแรงใน {areas}",
    "eew_forecast_line": "การสั่นไหวที่คาดการณ์: {intensity}",
    "eew_action": (
        "ปกป้องศีรษะและหลบใต้โต๊ะที่แข็งแรง อยู่ห่างจากหน้าต่างและสิ่งของที่อาจล้มหรือตกลงมา อย่ารีบวิ่งออกไปข้างนอก"
    ),
    "quake_headline": "แผ่นดินไหว – ระดับสูงสุดที่ตรวจวัดได้: {intensity}",
    "quake_action_strong": (
        "ระวังอาฟเตอร์ช็อก อยู่ห่างจากอาคารที่เสียหาย กำแพง และทางลาดชัน และปฏิบัติตามคำแนะนำของทางการ"
    ),
    "quake_action_minor": "ตรวจสอบว่าบริเวณรอบตัวปลอดภัย และติดตามข้อมูลต่อไป",
    "tsunami_outlook_none": "แผ่นดินไหวครั้งนี้ไม่ทำให้เกิดสึนามิ",
    "tsunami_outlook_slight": ("ระดับน้ำทะเลอาจเปลี่ยนแปลงเล็กน้อย แต่ไม่ต้องกังวลเรื่องความเสียหาย"),
    "tsunami_outlook_warning": "ขณะนี้มีการประกาศเตือนภัยหรือเฝ้าระวังสึนามิ",
    "major_tsunami_warning_headline": "เตือนภัยสึนามิขนาดใหญ่: {areas}",
    "tsunami_warning_headline": "เตือนภัยสึนามิ: {areas}",
    "tsunami_advisory_headline": "เฝ้าระวังสึนามิ: {areas}",
    "tsunami_forecast_headline": "พยากรณ์สึนามิ: {areas}",
    "tsunami_grade_major_warning": "เตือนภัยสึนามิขนาดใหญ่",
    "tsunami_grade_warning": "เตือนภัยสึนามิ",
    "tsunami_grade_advisory": "เฝ้าระวังสึนามิ",
    "tsunami_grade_slight": "ระดับน้ำทะเลเปลี่ยนแปลงเล็กน้อย",
    "tsunami_grade_lifted": "ยกเลิกการเตือนภัยแล้ว",
    "tsunami_height": "ความสูงที่คาดการณ์ {height}",
    "tsunami_height_over": "มากกว่า {height}",
    "tsunami_height_huge": "สูงมหาศาล",
    "tsunami_height_high": "สูง",
    "tsunami_arrival": "คลื่นลูกแรกคาดว่าจะมาถึง {time}",
    "tsunami_arrival_immediate": "จะมาถึงทันที",
    "tsunami_warning_action": (
        "อพยพไปยังที่สูงหรือชั้นบนของอาคารสูงที่แข็งแรงทันที อย่ากลับไปจนกว่าจะยกเลิกการเตือนภัย"
    ),
    "tsunami_advisory_action": "ขึ้นจากน้ำและออกห่างจากชายฝั่งทันที",
    "tsunami_forecast_action": ("ระมัดระวังเมื่ออยู่ในทะเลหรือใกล้ทะเล ไม่ต้องกังวลเรื่องความเสียหาย"),
    "weather_emergency_headline": "เตือนภัยขั้นวิกฤต: {phenomena}",
    "weather_warning_headline": "เตือนภัยสภาพอากาศ: {phenomena}",
    "weather_advisory_headline": "เฝ้าระวังสภาพอากาศ: {phenomena}",
    "weather_lifted_headline": "ยกเลิกการเตือนภัยสภาพอากาศแล้ว: {areas}",
    "weather_emergency_item": "เตือนภัยขั้นวิกฤต{phenomenon}",
    "weather_warning_item": "เตือนภัย{phenomenon}",
    "weather_advisory_item": "เฝ้าระวัง{phenomenon}",
    "weather_phenomena": {
        W.HEAVY_RAIN: "ฝนตกหนัก",
        W.FLOOD: "น้ำท่วม",
        W.STORM: "พายุลมแรง",
        W.SNOWSTORM: "พายุหิมะ",
        W.HEAVY_SNOW: "หิมะตกหนัก",
        W.HIGH_WAVES: "คลื่นสูง",
        W.STORM_SURGE: "คลื่นพายุซัดฝั่ง",
        W.THUNDERSTORM: "ฟ้าผ่า",
        W.GALE: "ลมแรง",
        W.WIND_AND_SNOW: "ลมและหิมะ",
        W.SNOWMELT: "หิมะละลาย",
        W.DENSE_FOG: "หมอกหนา",
        W.DRY_AIR: "อากาศแห้ง",
        W.AVALANCHE: "หิมะถล่ม",
        W.LOW_TEMPERATURE: "อุณหภูมิต่ำ",
        W.FROST: "น้ำค้างแข็ง",
        W.ICING: "น้ำแข็งเกาะ",
        W.SNOW_ACCRETION: "หิมะเกาะ",
    },
    "weather_emergency_action": (
        "ชีวิตของคุณตกอยู่ในอันตราย รักษาความปลอดภัยทันที: ไปยังศูนย์อพยพ "
        "หรือหากออกไปข้างนอกเป็นอันตราย ให้ขึ้นไปชั้นบนของอาคารที่อยู่ห่างจากทางลาดชันและแม่น้ำ"
    ),
    "weather_warning_action": ("หลีกเลี่ยงการออกนอกอาคาร ตรวจสอบข้อมูลการอพยพในพื้นที่ และเตรียมพร้อมอพยพ"),
    "weather_advisory_action": "ระมัดระวังเมื่ออยู่กลางแจ้ง และตรวจสอบข้อมูลสภาพอากาศล่าสุด",
    "weather_lifted_action": "โปรดระมัดระวังต่อไป แม่น้ำและทางลาดชันอาจยังเป็นอันตราย",
    "volcano_level_headline": "{volcano}: ระดับเตือนภัยภูเขาไฟ {level} ({keyword})",
    "volcano_warning_headline": "{volcano}: {warning}",
    "volcano_level_keywords": (
        "โปรดทราบว่าเป็นภูเขาไฟที่ยังคุกรุ่น",
        "จำกัดพื้นที่รอบปากปล่อง",
        "ห้ามขึ้นภูเขา",
        "ผู้สูงอายุและผู้ที่ต้องใช้เวลาอพยพ ผู้อื่นเตรียมพร้อม",
        "อพยพ",
    ),
    "volcano_warning_residential": "เตือนภัยภูเขาไฟระเบิด (พื้นที่อยู่อาศัย)",
    "volcano_warning_crater": "เตือนภัยภูเขาไฟระเบิด (รอบปากปล่อง)",
    "volcano_warning_sea": "เตือนภัยภูเขาไฟระเบิด (ทะเลโดยรอบ)",
    "volcano_warning_forecast": "พยากรณ์ภูเขาไฟ (ภูเขาไฟที่ยังคุกรุ่น)",
    "volcano_action_evacuate": "อพยพออกจากพื้นที่อันตรายทันทีตามคำสั่งของเทศบาล",
    "volcano_action_prepare": (
        "ผู้สูงอายุและผู้ที่ต้องใช้เวลาในการอพยพ: อพยพทันที ผู้อื่น: เตรียมพร้อมอพยพและอย่าเข้าไปในพื้นที่อันตราย"
    ),
    "volcano_action_keep_off_mountain": "อย่าขึ้นภูเขาไฟหรือเข้าไปในพื้นที่หวงห้าม",
    "volcano_action_keep_off_crater": "อย่าเข้าใกล้ปากปล่องภูเขาไฟ",
    "volcano_action_sea": "อยู่ห่างจากทะเลรอบภูเขาไฟ",
    "volcano_action_aware": ("นี่คือภูเขาไฟที่ยังคุกรุ่น: ปฏิบัติตามคำแนะนำในพื้นที่ และอย่าเข้าไปในพื้นที่ที่ปิด"),
    "heat_headline": "เตือนภัยโรคลมแดด: {areas}",
    "heat_special_headline": "เตือนภัยพิเศษโรคลมแดด: {areas}",
    "heat_wbgt_line": "ดัชนีความร้อนที่คาดการณ์ (WBGT): {wbgt}",
    "heat_date_line": "วันที่: {date}",
    "heat_action": ("หลีกเลี่ยงความร้อน อยู่ในที่ที่มีเครื่องปรับอากาศ ดื่มน้ำบ่อย ๆ และงดออกกำลังกายกลางแจ้ง"),
    "heat_special_action": (
        "ความร้อนนี้เป็นอันตรายต่อสุขภาพของทุกคน อยู่ในที่เย็น (เช่น ศูนย์พักคลายร้อน) ดื่มน้ำบ่อย ๆ และดูแลคนรอบข้าง"
    ),
    "evacuation_level3_headline": (
        "ระดับเตือนภัย 3 – ผู้สูงอายุและผู้ที่ต้องใช้เวลาอพยพต้องอพยพทันที ผู้อื่นเตรียมพร้อมอพยพ: {areas}"
    ),
    "evacuation_level4_headline": "ระดับเตือนภัย 4 – คำสั่งอพยพ: {areas}",
    "evacuation_level5_headline": "ระดับเตือนภัย 5 – ภาวะฉุกเฉิน รักษาชีวิตให้ปลอดภัย: {areas}",
    "shelter_line": "ศูนย์อพยพ: {shelter}",
    "nearest_shelter": "ศูนย์อพยพที่ใกล้ที่สุด",
    "evacuation_level3_action": (
        "ผู้สูงอายุ ผู้พิการ และผู้ที่ต้องใช้เวลาในการอพยพ: อพยพไปที่ {shelter} ทันที ผู้อื่น: เตรียมพร้อมอพยพ"
    ),
    "evacuation_level4_action": (
        "อพยพไปที่ {shelter} ทันที หากออกไปข้างนอกเป็นอันตราย ให้ขึ้นไปชั้นบนของอาคารที่แข็งแรง"
    ),
    "evacuation_level5_action": (
        "ภัยพิบัติกำลังเกิดขึ้นหรือใกล้จะเกิด ไปยังที่ที่ปลอดภัยที่สุดที่ไปถึงได้ทันที เช่น ชั้นบนของอาคารที่อยู่ห่างจากทางลาดชัน"
    ),
    "missile_headline": "แจ้งเตือนขีปนาวุธ: {areas}",
    "missile_action": (
        "เข้าไปในอาคารที่แข็งแรงหรือใต้ดินทันที หากไม่มี ให้หลบหลังสิ่งกำบังหรือหมอบลงกับพื้น"
        "และปกป้องศีรษะ อยู่ห่างจากหน้าต่าง"
    ),
    "tsunami_arrival_estimated": "คาดว่าสึนามิกำลังมาถึง",
    "tsunami_arrival_observed": "ตรวจพบคลื่นลูกแรกแล้ว",
    "tsunami_arrival_already": "คาดว่าสึนามิมาถึงแล้ว",
    "tsunami_observed": "ตรวจพบคลื่นสึนามิแล้ว: {height}",
    "tsunami_observed_rising": "ยังคงสูงขึ้น",
    "tsunami_height_under": "ต่ำกว่า {height}",
    "tsunami_warning_lifted_headline": "ยกเลิกการเตือนภัยสึนามิ: {areas}",
    "tsunami_advisory_lifted_headline": "ยกเลิกการเฝ้าระวังสึนามิ: {areas}",
    "tsunami_lifted_action": (
        "ยกเลิกการเตือนภัยหรือการเฝ้าระวังสึนามิแล้ว "
        "ระดับน้ำทะเลอาจยังเปลี่ยนแปลงเล็กน้อยอีกระยะหนึ่ง โปรดระมัดระวังเมื่อลงทะเล ว่ายน้ำ "
        "หรือตกปลา"
    ),
    "magnitude_over_line": "ขนาด (แมกนิจูด): มากกว่า {magnitude} (แผ่นดินไหวขนาดใหญ่มาก)",
    "tsunami_outlook_investigating": "กำลังตรวจสอบว่าจะมีสึนามิมาถึงญี่ปุ่นหรือไม่",
    "quake_hypocentre_headline": "แผ่นดินไหว – จุดศูนย์กลาง: {place}",
    "quake_distant_headline": "แผ่นดินไหวใหญ่ (หรือภูเขาไฟระเบิด) ในต่างประเทศ: {place}",
}
