package tkm

import "context"

// PublicGroup is what anyone may see of a group with proof of products:
// never a NIK, a birth date or a member's phone; members' names only as
// the group chose to publish them.
type PublicGroup struct {
	ID          ID         `json:"id"`
	Name        string     `json:"name"`
	RegionCode  string     `json:"region_code"`
	Sector      string     `json:"sector"`
	Story       string     `json:"story"`
	Contact     string     `json:"contact"`
	PublicNames string     `json:"public_names"`
	Stage       Stage      `json:"stage"`
	Products    []*Product `json:"products"`
}

// CatalogueFilter narrows the public product catalogue.
type CatalogueFilter struct {
	Province string
	Sector   string // words of the group's sector
	Q        string // words of the product's or group's name
	Limit    int
	Cursor   string
}

// CatalogueItem is one product in the catalogue, with its group.
type CatalogueItem struct {
	Product *Product     `json:"product"`
	Group   *PublicGroup `json:"group"` // without its products
}

// CataloguePage is one page of the catalogue.
type CataloguePage struct {
	Items      []*CatalogueItem `json:"items"`
	NextCursor string           `json:"next_cursor"`
}

// PublicService answers the public: no login, no personal data.
type PublicService interface {
	Catalogue(ctx context.Context, f CatalogueFilter) (*CataloguePage, error)
	PublicGroup(ctx context.Context, id ID) (*PublicGroup, error)
	PublicExpo(ctx context.Context, id ID) (*Expo, []*PublicGroup, error)
	PublicExpos(ctx context.Context) ([]*Expo, error)
	// PublicPhoto returns a photo of a product of a public group.
	PublicPhoto(ctx context.Context, id ID, thumb bool) (*File, error)
}

// GroupProfile is what a group tells the public about itself.
type GroupProfile struct {
	Story       *string `json:"story"`
	Contact     *string `json:"contact"`
	PublicNames *string `json:"public_names"`
}

// ProfileService keeps what groups tell the public about themselves.
type ProfileService interface {
	FindProfile(ctx context.Context, groupID ID) (*GroupProfile, error)
	UpdateProfile(ctx context.Context, groupID ID, p GroupProfile) error
}

// Applicants lets a group's leader open an account to apply online.
type Applicants interface {
	// SignUp creates a group leader's account (role group) and logs them
	// in; sign-ups are limited per address.
	SignUp(ctx context.Context, u *User, password string) (secret string, s *Session, err error)
}
