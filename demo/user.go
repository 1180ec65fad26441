package demo

import "tkm"

// User is a demo login: the user and the password to give it.
type User struct {
	User     tkm.User
	Password string
}

// Users returns the demo logins, one per kind of officer: an administrator,
// a ministry officer, the regional officers of Bali (51) and of Kabupaten
// Badung (51.03), a mentor and an auditor. The passwords are meant to be
// printed: readable, at least 12 characters, and no common password. The
// addresses use the reserved .example domain, so no mail ever leaves.
func Users() []User {
	return []User{
		demoUser("admin@tkm.example", "Admin Sistem TKM", tkm.RoleAdmin, "", "kopi-tubruk-pagi-7"),
		demoUser("kemnaker@tkm.example", "Siti Rahmawati", tkm.RoleMinistry, "", "monas-jakarta-2018"),
		demoUser("disnaker.bali@tkm.example", "I Made Sudarsana", tkm.RoleRegional, "51", "pura-besakih-2019"),
		demoUser("disnaker.badung@tkm.example", "Ni Luh Putu Ariani", tkm.RoleRegional, "51.03", "pantai-kuta-2019"),
		demoUser("pendamping@tkm.example", "Agus Setiawan", tkm.RoleMentor, "", "sawah-jatiluwih-10"),
		demoUser("auditor@tkm.example", "Bambang Hartono", tkm.RoleAuditor, "", "candi-prambanan-88"),
	}
}

func demoUser(email, name string, role tkm.Role, region, password string) User {
	return User{User: tkm.User{Email: email, Name: name, Role: role, Region: region}, Password: password}
}
