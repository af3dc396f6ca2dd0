"""Indonesian. "Peringatan" for 警報 and "imbauan" for 注意報; 震度5弱 / 5強 as "5 lemah" /
"5 kuat"."""

from omotenashi.alerts.catalogue import WeatherPhenomenon as W
from omotenashi.alerts.phrases.keys import Phrases

PHRASES: Phrases = {
    "exercise_headline": "[LATIHAN – bukan peringatan sungguhan] {headline}",
    "test_headline": "[UJI COBA – bukan peringatan sungguhan] {headline}",
    "corrected_headline": "[Koreksi] {headline}",
    "label_value": "{label}: {value}",
    "detail_separator": "; ",
    "more_areas": "{count} lainnya",
    "areas_line": "Wilayah: {areas}",
    "source_line": "Sumber: {source}",
    "issued_line": "Diterbitkan: {time}",
    "valid_until_line": "Berlaku hingga: {time}",
    "origin_time_line": "Waktu gempa: {time}",
    "epicentre_line": "Episentrum: {place}",
    "magnitude_line": "Magnitudo: {magnitude}",
    "depth_line": "Kedalaman: sekitar {depth}",
    "depth_very_shallow_line": "Kedalaman: sangat dangkal",
    "intensity": "intensitas seismik {scale}",
    "intensity_or_more": "intensitas seismik {scale} atau lebih",
    "intensity_range": "intensitas seismik {lower} hingga {upper}",
    "scale_lower": "{number} lemah",
    "scale_upper": "{number} kuat",
    "eew_headline": "Peringatan Dini Gempa Bumi: guncangan kuat diperkirakan di {areas}",
    "eew_forecast_line": "Perkiraan guncangan: {intensity}",
    "eew_action": (
        "Lindungi kepala Anda dan berlindung di bawah meja yang kokoh. Jauhi jendela dan benda "
        "yang dapat jatuh. Jangan terburu-buru lari ke luar."
    ),
    "quake_headline": "Gempa bumi – guncangan terkuat yang teramati: {intensity}",
    "quake_action_strong": (
        "Waspadai gempa susulan. Jauhi bangunan yang rusak, tembok, dan lereng curam, serta ikuti "
        "arahan pihak berwenang."
    ),
    "quake_action_minor": "Pastikan sekitar Anda aman dan perhatikan informasi selanjutnya.",
    "tsunami_outlook_none": "Gempa ini tidak berpotensi tsunami.",
    "tsunami_outlook_slight": (
        "Mungkin terjadi sedikit perubahan permukaan laut, tetapi tidak berpotensi menimbulkan "
        "kerusakan."
    ),
    "tsunami_outlook_warning": "Peringatan atau imbauan tsunami sedang berlaku.",
    "major_tsunami_warning_headline": "Peringatan Tsunami Besar: {areas}",
    "tsunami_warning_headline": "Peringatan Tsunami: {areas}",
    "tsunami_advisory_headline": "Imbauan Tsunami: {areas}",
    "tsunami_forecast_headline": "Prakiraan Tsunami: {areas}",
    "tsunami_grade_major_warning": "Peringatan tsunami besar",
    "tsunami_grade_warning": "Peringatan tsunami",
    "tsunami_grade_advisory": "Imbauan tsunami",
    "tsunami_grade_slight": "Sedikit perubahan permukaan laut",
    "tsunami_grade_lifted": "Peringatan atau imbauan dicabut",
    "tsunami_height": "perkiraan ketinggian {height}",
    "tsunami_height_over": "lebih dari {height}",
    "tsunami_height_huge": "sangat besar",
    "tsunami_height_high": "tinggi",
    "tsunami_arrival": "gelombang pertama diperkirakan tiba {time}",
    "tsunami_arrival_immediate": "segera tiba",
    "tsunami_warning_action": (
        "Segera mengungsi ke tempat tinggi atau lantai atas gedung yang tinggi dan kokoh. Jangan "
        "kembali sampai peringatan dicabut."
    ),
    "tsunami_advisory_action": "Segera keluar dari air dan menjauh dari pantai.",
    "tsunami_forecast_action": (
        "Berhati-hatilah di laut atau di dekat laut; tidak berpotensi menimbulkan kerusakan."
    ),
    "weather_emergency_headline": "Peringatan darurat: {phenomena}",
    "weather_warning_headline": "Peringatan cuaca: {phenomena}",
    "weather_advisory_headline": "Imbauan cuaca: {phenomena}",
    "weather_lifted_headline": "Peringatan dan imbauan cuaca dicabut: {areas}",
    "weather_emergency_item": "peringatan darurat {phenomenon}",
    "weather_warning_item": "peringatan {phenomenon}",
    "weather_advisory_item": "imbauan {phenomenon}",
    "weather_phenomena": {
        W.HEAVY_RAIN: "hujan lebat",
        W.FLOOD: "banjir",
        W.STORM: "badai",
        W.SNOWSTORM: "badai salju",
        W.HEAVY_SNOW: "salju lebat",
        W.HIGH_WAVES: "gelombang tinggi",
        W.STORM_SURGE: "gelombang pasang badai",
        W.THUNDERSTORM: "petir",
        W.GALE: "angin kencang",
        W.WIND_AND_SNOW: "angin dan salju",
        W.SNOWMELT: "salju mencair",
        W.DENSE_FOG: "kabut tebal",
        W.DRY_AIR: "udara kering",
        W.AVALANCHE: "longsoran salju",
        W.LOW_TEMPERATURE: "suhu rendah",
        W.FROST: "embun beku",
        W.ICING: "lapisan es",
        W.SNOW_ACCRETION: "salju menempel",
    },
    "weather_emergency_action": (
        "Nyawa Anda dalam bahaya. Segera selamatkan diri: pergi ke tempat pengungsian, atau jika "
        "keluar berbahaya, pindah ke lantai atas yang jauh dari lereng dan sungai."
    ),
    "weather_warning_action": (
        "Hindari bepergian, periksa informasi evakuasi di wilayah Anda, dan bersiaplah untuk "
        "mengungsi."
    ),
    "weather_advisory_action": (
        "Berhati-hatilah di luar ruangan dan periksa informasi cuaca terbaru."
    ),
    "weather_lifted_action": "Tetap waspada: sungai dan lereng mungkin masih berbahaya.",
    "volcano_level_headline": "{volcano}: tingkat siaga gunung api {level} ({keyword})",
    "volcano_warning_headline": "{volcano}: {warning}",
    "volcano_level_keywords": (
        "Perhatikan bahwa ini gunung api aktif",
        "Pembatasan di sekitar kawah",
        "Dilarang mendaki",
        "Lansia dan yang butuh waktu mengungsi; yang lain bersiap",
        "Mengungsi",
    ),
    "volcano_warning_residential": "Peringatan erupsi (kawasan permukiman)",
    "volcano_warning_crater": "Peringatan erupsi (sekitar kawah)",
    "volcano_warning_sea": "Peringatan erupsi (laut sekitar)",
    "volcano_warning_forecast": "Prakiraan erupsi (gunung api aktif)",
    "volcano_action_evacuate": (
        "Segera mengungsi dari zona bahaya sesuai arahan pemerintah kota setempat."
    ),
    "volcano_action_prepare": (
        "Lansia dan orang yang butuh waktu untuk mengungsi: segera mengungsi. "
        "Yang lain: bersiaplah mengungsi dan jangan memasuki zona bahaya."
    ),
    "volcano_action_keep_off_mountain": ("Jangan mendaki gunung api atau memasuki area terlarang."),
    "volcano_action_keep_off_crater": "Jangan mendekati kawah.",
    "volcano_action_sea": "Jauhi laut di sekitar gunung api.",
    "volcano_action_aware": (
        "Ini gunung api aktif: ikuti arahan setempat dan jangan memasuki area yang ditutup."
    ),
    "heat_headline": "Peringatan sengatan panas: {areas}",
    "heat_special_headline": "Peringatan khusus sengatan panas: {areas}",
    "heat_wbgt_line": "Perkiraan indeks panas (WBGT): {wbgt}",
    "heat_date_line": "Tanggal: {date}",
    "heat_action": (
        "Hindari panas: tetaplah di tempat ber-AC, sering minum air, dan jangan berolahraga di "
        "luar ruangan."
    ),
    "heat_special_action": (
        "Panas ini membahayakan kesehatan semua orang. Tetaplah di tempat yang sejuk (seperti "
        "tempat berlindung dari panas), sering minum air, dan perhatikan orang-orang di sekitar "
        "Anda."
    ),
    "evacuation_level3_headline": (
        "Tingkat siaga 3 – lansia dan orang yang butuh waktu untuk mengungsi "
        "harus mengungsi sekarang; yang lain bersiap: {areas}"
    ),
    "evacuation_level4_headline": "Tingkat siaga 4 – perintah evakuasi: {areas}",
    "evacuation_level5_headline": "Tingkat siaga 5 – darurat, selamatkan diri: {areas}",
    "shelter_line": "Tempat pengungsian: {shelter}",
    "nearest_shelter": "tempat pengungsian terdekat",
    "evacuation_level3_action": (
        "Lansia, penyandang disabilitas, dan orang yang butuh waktu untuk "
        "mengungsi: segera mengungsi ke {shelter}. Yang lain: bersiaplah untuk "
        "mengungsi."
    ),
    "evacuation_level4_action": (
        "Segera mengungsi ke {shelter}. Jika keluar berbahaya, pindah ke lantai atas gedung yang "
        "kokoh."
    ),
    "evacuation_level5_action": (
        "Bencana sedang terjadi atau akan segera terjadi. Segera pindah ke tempat teraman yang "
        "dapat Anda capai, seperti lantai atas yang jauh dari lereng."
    ),
    "missile_headline": "Peringatan rudal: {areas}",
    "missile_action": (
        "Segera masuk ke dalam gedung yang kokoh atau ke bawah tanah. Jika tidak ada, "
        "berlindunglah "
        "di balik sesuatu atau tiarap di tanah dan lindungi kepala Anda. Jauhi jendela."
    ),
    "tsunami_arrival_estimated": "diperkirakan sedang tiba",
    "tsunami_arrival_observed": "gelombang pertama sudah teramati",
    "tsunami_arrival_already": "diperkirakan sudah tiba",
    "tsunami_observed": "tsunami teramati: {height}",
    "tsunami_observed_rising": "masih naik",
    "tsunami_height_under": "kurang dari {height}",
    "tsunami_warning_lifted_headline": "Peringatan Tsunami dicabut: {areas}",
    "tsunami_advisory_lifted_headline": "Imbauan Tsunami dicabut: {areas}",
    "tsunami_lifted_action": (
        "Peringatan atau imbauan tsunami sudah dicabut. Permukaan laut masih bisa sedikit "
        "berubah untuk sementara: berhati-hatilah saat masuk ke laut, berenang, atau "
        "memancing."
    ),
    "magnitude_over_line": "Magnitudo: lebih dari {magnitude} (gempa sangat besar)",
    "tsunami_outlook_investigating": "Sedang diselidiki apakah tsunami akan mencapai Jepang.",
    "quake_hypocentre_headline": "Gempa – episentrum: {place}",
    "quake_distant_headline": "Gempa besar (atau letusan) di luar negeri: {place}",
}
