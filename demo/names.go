package demo

import "tkm"

// culture is how people of one region are named: an optional prefix (the
// Balinese birth-order name, the Bugis "Andi"), a given name, an optional
// second name, and a family name where the culture uses one. Lists are by
// sex: index male, then female.
type culture struct {
	prefix    [2][]string
	prefixPct int // percent of people whose name starts with a prefix
	given     [2][]string
	second    [2][]string
	secondPct int      // percent of people with a second name
	family    []string // family names (marga, fam): everyone has one if set
}

const (
	male   = 0
	female = 1
)

// sexIndex maps a sex to the index of the lists.
func sexIndex(s tkm.Sex) int {
	if s == tkm.SexFemale {
		return female
	}
	return male
}

// cultureOf returns the naming culture of a province.
func cultureOf(province string) *culture {
	switch province {
	case "51":
		return &bali
	case "33", "34", "35":
		return &jawa
	case "32", "36":
		return &sunda
	case "12":
		return &batak
	case "13":
		return &minang
	case "73":
		return &bugis
	case "81", "82":
		return &maluku
	case "91", "92", "93", "94", "95", "96":
		return &papua
	}
	return &umum
}

// appendName writes a name of culture c for a person of sex s.
func (r *run) appendName(b []byte, c *culture, s tkm.Sex) []byte {
	x := sexIndex(s)
	if len(c.prefix[x]) > 0 && r.chance(c.prefixPct) {
		b = append(append(b, oneOf(r, c.prefix[x])...), ' ')
	}
	b = append(b, oneOf(r, c.given[x])...)
	if len(c.second[x]) > 0 && r.chance(c.secondPct) {
		b = append(append(b, ' '), oneOf(r, c.second[x])...)
	}
	if len(c.family) > 0 {
		b = append(append(b, ' '), oneOf(r, c.family)...)
	}
	return b
}

// Bali: every name starts with I (men) or Ni (women) and a birth-order name.
var bali = culture{
	prefix: [2][]string{
		{"I Wayan", "I Made", "I Nyoman", "I Ketut", "I Putu", "I Gede", "I Kadek", "I Komang"},
		{"Ni Wayan", "Ni Made", "Ni Nyoman", "Ni Ketut", "Ni Putu", "Ni Kadek", "Ni Komang", "Ni Luh"},
	},
	prefixPct: 100,
	given: [2][]string{
		{"Sudarsana", "Suardana", "Artawan", "Sukadana", "Wirawan", "Budiarta", "Suparta", "Adnyana",
			"Mahendra", "Darmawan", "Suarjana", "Wardana", "Sutama", "Arimbawa", "Parwata", "Sumerta",
			"Astawa", "Widiana", "Yasa", "Sudiarta", "Kariasa", "Mertayasa", "Suwija", "Antara",
			"Santika", "Wiguna", "Arnawa", "Subagia", "Swastika", "Gunawan"},
		{"Sukerti", "Ariani", "Suastini", "Puspawati", "Sariasih", "Wartini", "Suciati", "Sudiani",
			"Murniasih", "Rusmini", "Sukarmi", "Arsini", "Widiantari", "Yuliantari", "Astiti", "Sumertini",
			"Darmini", "Parwati", "Juliantari", "Sugiantari", "Yuniari", "Candra Dewi", "Eka Pratiwi",
			"Wulandari", "Purnamasari", "Sekarini", "Sri Artini", "Kartini", "Wahyuni", "Suarni"},
	},
}

// Java (Jawa Tengah, Yogyakarta, Jawa Timur): one or two names, no family name.
var jawa = culture{
	given: [2][]string{
		{"Budi", "Agus", "Eko", "Dwi", "Tri", "Joko", "Bambang", "Hadi", "Wahyu", "Bagus", "Heru",
			"Slamet", "Sugeng", "Teguh", "Rahmat", "Ahmad", "Muhammad", "Arif", "Fajar", "Dimas",
			"Yoga", "Bayu", "Aris", "Adi", "Sutrisno", "Suparman", "Sukirno", "Tugiman", "Paimin",
			"Sumadi", "Karyono", "Wagiman"},
		{"Sri", "Siti", "Dewi", "Endang", "Rini", "Puji", "Yuli", "Ani", "Tri", "Dwi", "Eka", "Ratna",
			"Indah", "Nur", "Retno", "Rina", "Sumarni", "Tumini", "Sulastri", "Suparmi", "Sumiyati",
			"Painem", "Ngatini", "Kartika", "Wulan", "Ayu", "Fitri", "Lestari", "Suwarni", "Tutik"},
	},
	second: [2][]string{
		{"Santoso", "Prasetyo", "Setiawan", "Nugroho", "Wibowo", "Kurniawan", "Hartono", "Susilo",
			"Yulianto", "Purwanto", "Supriyadi", "Mulyono", "Saputro", "Hidayat", "Wijaya", "Pratama",
			"Sutrisno", "Widodo", "Haryanto", "Suryadi", "Gunawan", "Siswanto", "Sulistyo", "Raharjo"},
		{"Wahyuni", "Lestari", "Rahayu", "Handayani", "Suryani", "Kusumawati", "Setyaningsih",
			"Purwaningsih", "Astuti", "Nurhayati", "Winarsih", "Mulyani", "Susanti", "Yuliana",
			"Rahmawati", "Puspitasari", "Wulandari", "Anggraeni", "Hidayati", "Sulistyowati",
			"Widayanti", "Pujiastuti", "Utami", "Ningsih"},
	},
	secondPct: 65,
}

// Sunda (Jawa Barat, Banten).
var sunda = culture{
	given: [2][]string{
		{"Asep", "Ujang", "Dede", "Cecep", "Deden", "Yayan", "Iwan", "Dadang", "Ade", "Agus", "Ahmad",
			"Rudi", "Hendra", "Dani", "Yusuf", "Wawan", "Aep", "Jajang", "Acep", "Encep", "Rizal",
			"Ridwan", "Engkos", "Nana", "Oman", "Usep", "Dodi", "Iyan"},
		{"Euis", "Neneng", "Cucu", "Enok", "Iis", "Lilis", "Nining", "Imas", "Eti", "Yeni", "Nani",
			"Ai", "Teti", "Dewi", "Siti", "Rina", "Wida", "Fitri", "Rika", "Nurul", "Entin", "Enung",
			"Popon", "Ela", "Tati", "Yuyun", "Dedeh", "Ecin"},
	},
	second: [2][]string{
		{"Saepudin", "Sopyan", "Supriatna", "Hidayat", "Kurniawan", "Sunarya", "Permana", "Gumilar",
			"Ruhiyat", "Suherman", "Sutisna", "Kusnadi", "Mulyana", "Rukmana", "Hermawan", "Setiadi",
			"Nugraha", "Firmansyah", "Rohmat", "Sobari", "Hermansyah", "Sukmana"},
		{"Kurniasih", "Rohaeti", "Maryati", "Sumiati", "Komariah", "Nurhasanah", "Rosmiati", "Sukaesih",
			"Juariah", "Hasanah", "Mulyani", "Suryani", "Rahmawati", "Sopiah", "Herawati", "Lestari",
			"Sartika", "Fauziah", "Nuraeni", "Yulianti", "Rosita", "Nurjanah"},
	},
	secondPct: 70,
}

// Batak (Sumatera Utara): a given name and a marga.
var batak = culture{
	given: [2][]string{
		{"Bonar", "Togar", "Parulian", "Poltak", "Maruli", "Hotman", "Tigor", "Martua", "Sahat",
			"Binsar", "Ronald", "Johannes", "Daniel", "Robert", "Sarman", "Tumpal", "Hasudungan",
			"Rudi", "Jonni", "Benny", "Ferdinand", "Andreas", "Samuel", "Lamhot", "Mangasi",
			"Ahmad", "Rahmat", "Syahrul", "Darwin", "Halomoan"},
		{"Rosmawati", "Rotua", "Lamria", "Tiurma", "Masniari", "Rosdiana", "Hotmaida", "Nurhayati",
			"Lasmaria", "Dormauli", "Ruth", "Maria", "Debora", "Sondang", "Rumondang", "Roslina",
			"Ernawati", "Junita", "Sarina", "Tiur", "Nelly", "Romauli", "Duma", "Lenny", "Rosmini",
			"Hasna", "Mariani", "Friska", "Melva", "Sinta"},
	},
	family: []string{"Siregar", "Simanjuntak", "Nainggolan", "Hutapea", "Sitompul", "Situmorang",
		"Pardede", "Nasution", "Harahap", "Lubis", "Sinaga", "Simbolon", "Manurung", "Sihombing",
		"Panjaitan", "Tambunan", "Silalahi", "Pasaribu", "Hutagalung", "Sitorus", "Sirait", "Gultom",
		"Samosir", "Marpaung", "Damanik", "Purba", "Saragih", "Ginting", "Tarigan", "Sembiring"},
}

// Minangkabau (Sumatera Barat): some add a suku name.
var minang = culture{
	given: [2][]string{
		{"Rahmat", "Yusrizal", "Afrizal", "Zulkifli", "Syafrizal", "Hendri", "Novri", "Efendi",
			"Yuliandri", "Fadli", "Irwan", "Alfian", "Riko", "Doni", "Andri", "Zulfahmi", "Ridho",
			"Ilham", "Asrul", "Fauzan", "Erman", "Jasman", "Yondri", "Arman", "Syamsul"},
		{"Yulia", "Rahmi", "Fitri", "Nofrianti", "Yusnidar", "Rosmaniar", "Desi", "Mardiana",
			"Syafrida", "Zuriati", "Elfi", "Yeni", "Rika", "Nurhasanah", "Afrida", "Lisa", "Mega",
			"Vivi", "Rosna", "Darmawati", "Nurlaila", "Erna", "Yusmaniar", "Asmiati", "Rahmadani"},
	},
	second: [2][]string{
		{"Hidayat", "Putra", "Saputra", "Syahputra", "Chaniago", "Piliang", "Koto", "Sikumbang",
			"Tanjung", "Jambak", "Guci", "Malano", "Sutan", "Efendi", "Rasyid"},
		{"Yanti", "Wati", "Sari", "Putri", "Handayani", "Fitriani", "Rahmawati", "Yusra", "Hayati",
			"Susanti", "Marlina", "Dewi", "Novita", "Oktavia", "Chaniago"},
	},
	secondPct: 55,
}

// Bugis and Makassar (Sulawesi Selatan): a few noble "Andi".
var bugis = culture{
	prefix:    [2][]string{{"Andi"}, {"Andi"}},
	prefixPct: 12,
	given: [2][]string{
		{"Muhammad", "Ahmad", "Syamsuddin", "Hasanuddin", "Abdul", "Arfah", "Jamaluddin",
			"Baharuddin", "Kamaruddin", "Syahrir", "Ridwan", "Haerul", "Rusli", "Akbar", "Irfan", "Asri",
			"Basri", "Mustari", "Sudirman", "Amiruddin", "Nasrullah", "Firman", "Ilham", "Zainal",
			"Anwar", "Mappa", "Lukman"},
		{"Sitti", "Nurhayati", "Hasnah", "Nurjannah", "Hasmawati", "Rahmawati", "Sumarni",
			"Fatmawati", "Hamsiah", "Suriani", "Nuraeni", "Kasmawati", "Marwah", "Asriani", "Irma",
			"Indah", "Musdalifah", "Hadijah", "Wahida", "Salmiah", "Besse", "Megawati", "Rosmini"},
	},
	second: [2][]string{
		{"Arifin", "Rahman", "Hamid", "Latif", "Syam", "Rauf", "Haris", "Gani", "Malik", "Sanusi",
			"Tahir", "Hasyim", "Jufri", "Kadir", "Nur", "Daeng Ngalle", "Daeng Tata"},
		{"Rahman", "Nur", "Hamid", "Sari", "Amir", "Arifin", "Syam", "Latif", "Daeng Kebo", "Daeng Sanga"},
	},
	secondPct: 50,
}

// Maluku and Maluku Utara: a Christian or Muslim given name and a fam.
var maluku = culture{
	given: [2][]string{
		{"Yohanes", "Frederik", "Hendrik", "Semuel", "Johanis", "Ronald", "Marthen", "Jacob",
			"Abraham", "Izaak", "Christian", "Dominggus", "Ahmad", "Muhammad", "Rusdi", "Hamid",
			"Ismail", "Abdullah", "Husein", "Umar", "Salim", "Jafar", "Rizal", "Fadel"},
		{"Yohana", "Margaretha", "Magdalena", "Paulina", "Wilhelmina", "Esterlina", "Christina",
			"Juliana", "Jeane", "Novita", "Siti", "Fatimah", "Nurlela", "Hadijah", "Rahma", "Aisyah",
			"Safia", "Salma", "Halima", "Agustina", "Ningsih", "Sarah"},
	},
	family: []string{"Latuconsina", "Pattiasina", "Tuhumury", "Sahetapy", "Manuputty", "Wattimena",
		"Leiwakabessy", "Tahapary", "Matulessy", "Latumahina", "Sopacua", "Tuasikal", "Ohorella",
		"Marasabessy", "Pelu", "Sangaji", "Umasugi", "Bachmid", "Lessy", "Tomagola", "Alting",
		"Hehanussa", "Siahaya", "Pical", "Rehatta", "Nanlohy", "Lewerissa", "Soumokil"},
}

// Papua (the six Papua provinces): a given name and a Papuan family name.
var papua = culture{
	given: [2][]string{
		{"Yohanis", "Markus", "Yulianus", "Frans", "Agustinus", "Paulus", "Yosep", "Petrus",
			"Natalis", "Yakobus", "Daniel", "Simon", "Nikolas", "Obet", "Yeremias", "Otto", "Lukas",
			"Matius", "Habel", "Zakeus", "Melkias", "Demianus", "Yafet", "Elias", "Benny", "Yance"},
		{"Maria", "Yuliana", "Agustina", "Martha", "Elisabeth", "Fransina", "Dorkas", "Ribka",
			"Yakomina", "Ester", "Debora", "Naomi", "Selfina", "Marice", "Orpa", "Petronela",
			"Yohana", "Sara", "Lea", "Mince", "Yosina", "Katarina", "Adolfina", "Hana"},
	},
	family: []string{"Wenda", "Kogoya", "Wonda", "Tabuni", "Murib", "Mandowen", "Rumbiak",
		"Kaisiepo", "Yoku", "Ohee", "Wanggai", "Korwa", "Sawaki", "Mambor", "Rumbewas", "Krey", "Mote",
		"Pigai", "Degei", "Gobai", "Yeimo", "Douw", "Kambu", "Ayomi", "Fonataba", "Rumansara",
		"Karubaba", "Womsiwor", "Mofu", "Bonay", "Wambrauw", "Asso", "Kossay", "Giay", "Gebze", "Kaize"},
}

// umum is the general Indonesian list, for every other province.
var umum = culture{
	given: [2][]string{
		{"Ahmad", "Muhammad", "Budi", "Rizky", "Dedi", "Hendra", "Rudi", "Agus", "Yusuf", "Irwan",
			"Fajar", "Arif", "Dani", "Hendri", "Syaiful", "Zainal", "Ridwan", "Fauzi", "Hasan",
			"Hamzah", "Imam", "Joko", "Edi", "Firman", "Rahmat", "Eko", "Indra", "Reza", "Taufik",
			"Yudi", "Wahyu", "Ilham"},
		{"Siti", "Nur", "Dewi", "Sri", "Rina", "Fitri", "Indah", "Rahma", "Ayu", "Lina", "Yuni",
			"Wati", "Ani", "Dian", "Ratna", "Nurul", "Rika", "Maya", "Eka", "Putri", "Ika", "Novi",
			"Desi", "Wulan", "Lia", "Mutia", "Yanti", "Erni", "Suci", "Sarah"},
	},
	second: [2][]string{
		{"Saputra", "Pratama", "Hidayat", "Kurniawan", "Setiawan", "Firmansyah", "Ramadhan",
			"Nugraha", "Syahputra", "Wijaya", "Hakim", "Maulana", "Rahman", "Gunawan", "Hermawan",
			"Permana", "Putra", "Sanjaya", "Effendi", "Iskandar", "Saleh", "Fadillah"},
		{"Rahmawati", "Handayani", "Lestari", "Wahyuni", "Sari", "Puspita", "Safitri", "Anggraini",
			"Kurniasih", "Susanti", "Yulianti", "Fitriani", "Hasanah", "Pertiwi", "Maharani",
			"Rahayu", "Nuraini", "Oktaviani", "Amelia", "Permatasari", "Marlina", "Wulandari"},
	},
	secondPct: 70,
}

// streets are common street names all over Indonesia.
var streets = []string{
	"Melati", "Mawar", "Kenanga", "Anggrek", "Cempaka", "Flamboyan", "Dahlia", "Kamboja",
	"Merdeka", "Pahlawan", "Veteran", "Diponegoro", "Sudirman", "Gajah Mada", "Ahmad Yani",
	"Imam Bonjol", "Kartini", "Pemuda", "Pattimura", "Hasanuddin", "Teuku Umar", "Cut Nyak Dhien",
	"Raya", "Pasar Baru", "Nangka", "Mangga", "Rambutan", "Kelapa", "Beringin", "Cendana",
	"Flores", "Sumatera", "Pelita", "Bhayangkara", "Garuda", "Cenderawasih",
}

// Group names mix a prefix, sometimes the product, and two words of good omen.
var (
	groupPrefixes = []string{"KUB", "KUB", "Kelompok Usaha", "Kelompok Usaha Bersama", "Kelompok"}
	groupWords    = []string{"Maju", "Sumber", "Karya", "Mitra", "Berkah", "Tunas", "Sinar",
		"Harapan", "Cahaya", "Bina", "Sekar", "Mekar", "Rukun", "Sido", "Mulia", "Bumi", "Srikandi",
		"Putri", "Wira", "Dharma", "Sri", "Insan"}
	groupEnds = []string{"Bersama", "Rejeki", "Jaya", "Mandiri", "Abadi", "Makmur", "Sejahtera",
		"Lestari", "Sentosa", "Baru", "Bersatu", "Sakti", "Makarya", "Utama", "Barokah", "Mulya",
		"Indah", "Wangi", "Agung", "Usaha", "Muncul"}
)
