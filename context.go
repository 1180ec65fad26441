package tkm

import "context"

type contextKey int

const (
	userKey contextKey = iota
	originKey
	versionKey
)

// NewContextWithUser returns ctx carrying the user making the request.
func NewContextWithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey, u)
}

// UserFromContext returns the user making the request, or nil.
func UserFromContext(ctx context.Context) *User {
	u, _ := ctx.Value(userKey).(*User)
	return u
}

// Origin says where a request came from, for the audit trail.
type Origin struct {
	IP        string // the client's, behind a trusted reverse proxy too
	UserAgent string
	RequestID string
	Secure    bool // the client used https, to tkm or to a trusted proxy
}

// NewContextWithOrigin returns ctx carrying where the request came from.
func NewContextWithOrigin(ctx context.Context, o Origin) context.Context {
	return context.WithValue(ctx, originKey, o)
}

// OriginFromContext returns where the request came from.
func OriginFromContext(ctx context.Context) Origin {
	o, _ := ctx.Value(originKey).(Origin)
	return o
}

// NewContextWithVersion returns ctx carrying the registry's version as it
// was when the request began: a number that moves on with every committed
// change to the registry. Whatever the request reads afterwards is at least
// that new, so a cache may keep it under that version.
func NewContextWithVersion(ctx context.Context, v int64) context.Context {
	return context.WithValue(ctx, versionKey, v)
}

// VersionFromContext returns the registry's version as the request began,
// if it was read.
func VersionFromContext(ctx context.Context) (int64, bool) {
	v, ok := ctx.Value(versionKey).(int64)
	return v, ok
}
