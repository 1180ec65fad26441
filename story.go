package tkm

// GroupStory is a group with what it did on its way along the stages: its
// moves, the trainings its members attended, the aid it received and its
// monitoring reports. A bulk load (demo data) writes stories whole; the
// store gives every ID, so a story refers to its group and members by
// pointer.
type GroupStory struct {
	Group     *Group
	History   []*Transition // oldest first
	Trainings []Attended
	Aid       []*Aid
	Reports   []*Report
}

// Attended is a training a group took part in, with the members who came.
// The groups of one training share its *Training, whose ID stays zero
// until the training is stored.
type Attended struct {
	Training *Training
	Members  []*Member
}
