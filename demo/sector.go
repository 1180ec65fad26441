package demo

// sector is a kind of business TKM groups run, with its KBLI 2020 code and
// a short word for group names.
type sector struct {
	name  string
	kbli  string
	short string
}

// sectors are businesses TKM groups commonly run. The KBLI 2020 codes are
// the closest five-digit class to each business, chosen by hand.
var sectors = []sector{
	{"Kerajinan anyaman bambu", "16291", "Bambu"},
	{"Kerajinan anyaman pandan", "16292", "Pandan"},
	{"Ukiran kayu", "16293", "Ukir"},
	{"Mebel kayu", "31001", "Mebel"},
	{"Keripik singkong", "10794", "Keripik"},
	{"Keripik pisang", "10794", "Keripik"},
	{"Kerupuk ikan", "10794", "Kerupuk"},
	{"Kue kering dan roti", "10710", "Kue"},
	{"Dodol", "10799", "Dodol"},
	{"Gula semut aren", "10722", "Gula Aren"},
	{"Kopi bubuk", "10761", "Kopi"},
	{"Konveksi pakaian", "14111", "Konveksi"},
	{"Tenun ikat", "13122", "Tenun"},
	{"Batik tulis", "13134", "Batik"},
	{"Sablon kaos", "13133", "Sablon"},
	{"Tas dan dompet kulit", "15121", "Kulit"},
	{"Sabun herbal", "20231", "Sabun"},
	{"Jamu tradisional", "21022", "Jamu"},
	{"Budidaya ikan lele", "03221", "Lele"},
	{"Budidaya ikan nila", "03221", "Nila"},
	{"Budidaya jamur tiram", "01136", "Jamur"},
	{"Sayuran hidroponik", "01131", "Hidroponik"},
	{"Ternak ayam kampung", "01463", "Ayam"},
	{"Bengkel las", "25920", "Las"},
	{"Bengkel sepeda motor", "45405", "Motor"},
}
