package demo

// sector is a kind of business TKM groups run, with its KBLI 2020 code, a
// short word for group names, and what its aid buys: two kinds of equipment
// and the materials to start with.
type sector struct {
	name     string
	kbli     string
	short    string
	tools    [2]string
	supplies string
}

// sectors are businesses TKM groups commonly run. The KBLI 2020 codes are
// the closest five-digit class to each business, chosen by hand.
var sectors = []sector{
	{"Kerajinan anyaman bambu", "16291", "Bambu", [2]string{"Mesin serut bambu", "Set pisau raut dan gergaji"}, "Bambu dan bahan pewarna"},
	{"Kerajinan anyaman pandan", "16292", "Pandan", [2]string{"Mesin press pandan", "Set alat anyam dan pemotong"}, "Daun pandan kering dan pewarna"},
	{"Ukiran kayu", "16293", "Ukir", [2]string{"Set pahat ukir", "Mesin gerinda tangan"}, "Kayu suar dan bahan finishing"},
	{"Mebel kayu", "31001", "Mebel", [2]string{"Mesin ketam listrik", "Mesin gergaji meja"}, "Kayu jati dan bahan finishing"},
	{"Keripik singkong", "10794", "Keripik", [2]string{"Mesin perajang singkong", "Wajan dan kompor gas industri"}, "Singkong, minyak goreng dan kemasan"},
	{"Keripik pisang", "10794", "Keripik", [2]string{"Mesin perajang pisang", "Mesin peniris minyak"}, "Pisang, minyak goreng dan kemasan"},
	{"Kerupuk ikan", "10794", "Kerupuk", [2]string{"Mesin penggiling ikan", "Oven pengering kerupuk"}, "Ikan, tepung tapioka dan kemasan"},
	{"Kue kering dan roti", "10710", "Kue", [2]string{"Oven gas", "Mixer roti"}, "Tepung, gula, mentega dan kemasan"},
	{"Dodol", "10799", "Dodol", [2]string{"Kuali dan pengaduk dodol", "Kompor gas industri"}, "Ketan, gula aren dan kemasan"},
	{"Gula semut aren", "10722", "Gula Aren", [2]string{"Wajan pemasak nira", "Mesin pengayak gula semut"}, "Nira aren dan kemasan"},
	{"Kopi bubuk", "10761", "Kopi", [2]string{"Mesin sangrai kopi", "Mesin giling kopi"}, "Biji kopi dan kemasan"},
	{"Konveksi pakaian", "14111", "Konveksi", [2]string{"Mesin jahit high speed", "Mesin obras"}, "Kain dan benang"},
	{"Tenun ikat", "13122", "Tenun", [2]string{"Alat tenun bukan mesin (ATBM)", "Alat pemintal benang"}, "Benang dan pewarna"},
	{"Batik tulis", "13134", "Batik", [2]string{"Kompor dan wajan batik", "Set canting dan meja pola"}, "Kain mori, malam dan pewarna"},
	{"Sablon kaos", "13133", "Sablon", [2]string{"Meja sablon dan screen", "Mesin pengering sablon"}, "Kaos polos dan tinta"},
	{"Tas dan dompet kulit", "15121", "Kulit", [2]string{"Mesin jahit kulit", "Set alat potong kulit"}, "Kulit olahan dan aksesori"},
	{"Sabun herbal", "20231", "Sabun", [2]string{"Mesin pengaduk sabun", "Cetakan sabun"}, "Minyak kelapa, soda dan bahan herbal"},
	{"Jamu tradisional", "21022", "Jamu", [2]string{"Mesin penggiling rempah", "Mesin pengering simplisia"}, "Rempah-rempah dan kemasan"},
	{"Budidaya ikan lele", "03221", "Lele", [2]string{"Kolam terpal bulat", "Pompa air dan aerator"}, "Benih lele dan pakan"},
	{"Budidaya ikan nila", "03221", "Nila", [2]string{"Kolam terpal bulat", "Pompa air dan aerator"}, "Benih nila dan pakan"},
	{"Budidaya jamur tiram", "01136", "Jamur", [2]string{"Rak kumbung jamur", "Drum sterilisasi baglog"}, "Baglog dan bibit jamur"},
	{"Sayuran hidroponik", "01131", "Hidroponik", [2]string{"Instalasi hidroponik NFT", "Pompa air dan tandon"}, "Benih, nutrisi AB mix dan rockwool"},
	{"Ternak ayam kampung", "01463", "Ayam", [2]string{"Kandang ayam dan peralatannya", "Mesin penetas telur"}, "Bibit ayam kampung dan pakan"},
	{"Bengkel las", "25920", "Las", [2]string{"Mesin las listrik", "Mesin gerinda dan bor"}, "Besi, elektroda las dan cat"},
	{"Bengkel sepeda motor", "45405", "Motor", [2]string{"Set kunci dan perkakas bengkel", "Kompresor angin"}, "Oli dan suku cadang"},
}
