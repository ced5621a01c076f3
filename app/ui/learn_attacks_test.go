package ui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/naivelab"
)

// TestLessonJWTAttacksCoversTheLab: every panel of the lab is taught by
// exactly one section of the lesson, and every section is complete and
// cites RFC 8725 by section number.
func TestLessonJWTAttacksCoversTheLab(t *testing.T) {
	taught := map[string]string{}
	ids := map[string]bool{}
	cite := regexp.MustCompile(`^RFC 8725 §[23]\.\d+(, §[23]\.\d+)*(;|$)`)
	for _, c := range lessonJWTAttacks.Attacks {
		if ids[c.ID] {
			t.Errorf("section id %s twice", c.ID)
		}
		ids[c.ID] = true
		if c.Heading == "" || c.Attack == "" || c.Mistake == "" || c.Fix == "" || len(c.Panels) == 0 {
			t.Errorf("%s: incomplete section %+v", c.ID, c)
		}
		if !cite.MatchString(c.RFC) {
			t.Errorf("%s: citation %q does not start with RFC 8725 sections", c.ID, c.RFC)
		}
		if strings.Count(c.Fix, ". ") > 0 {
			t.Errorf("%s: the fix is more than one sentence: %q", c.ID, c.Fix)
		}
		for _, p := range c.Panels {
			if prev, ok := taught[p]; ok {
				t.Errorf("panel %s taught by %s and %s", p, prev, c.ID)
			}
			taught[p] = c.ID
		}
	}
	for _, e := range naivelab.Endpoints() {
		if _, ok := taught[e.Name]; !ok {
			t.Errorf("the lab's %s panel is in no section of the lesson", e.Name)
		}
		delete(taught, e.Name)
	}
	for p, id := range taught {
		t.Errorf("%s links to a panel the lab does not have: %s", id, p)
	}
}
