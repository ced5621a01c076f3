package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// lesson is one page of /learn: an explanation, the live tool, and the
// mistakes people make.
type lesson struct {
	Slug, Title, Summary string
	// Tool is the path of the full tool page, if there is one.
	Tool     string
	Sections []lessonSection
	// Attacks are the sections of the lesson on attacks, after Sections.
	Attacks []attackClass
	// Widget returns the live tool embedded in the lesson, or nil.
	Widget   func() app.UI
	Mistakes []mistake
	// Refs names the specifications the lesson rests on.
	Refs []string
}

type lessonSection struct {
	Heading string
	Text    []string
}

type mistake struct{ What, Why string }

// lessons is the order of the course: the simplest credential first.
var lessons = []lesson{
	lessonAPIKeys, lessonBasic, lessonBearer, lessonJWT, lessonJWTAttacks, lessonOAuth, lessonSessions, lessonBestPractices,
}

func lessonBySlug(slug string) (lesson, bool) {
	for _, l := range lessons {
		if l.Slug == slug {
			return l, true
		}
	}
	return lesson{}, false
}

// learnIndex lists the lessons.
type learnIndex struct{ app.Compo }

func (p *learnIndex) Render() app.UI {
	return shell("/learn",
		&pageHeading{Title: "Learn", Lead: "One short lesson for each way an API tells who is calling, and one on the practices they share. Each lesson has its tool built in: read, then try it on the demo server."},
		app.Ol().Class("cards lessons").Body(app.Range(lessons).Slice(func(i int) app.UI {
			l := lessons[i]
			return app.Li().Body(app.A().Href(href("/learn/"+l.Slug)).Body(
				app.Strong().Text(l.Title), app.Span().Text(l.Summary),
			))
		})),
	)
}

// learnPage is one lesson. The router sets Slug.
type learnPage struct {
	app.Compo
	Slug string
}

func (p *learnPage) Render() app.UI {
	l, ok := lessonBySlug(p.Slug)
	if !ok {
		return shell("/learn", &pageHeading{Title: "No such lesson"})
	}
	var prev, next *lesson
	for i := range lessons {
		if lessons[i].Slug == l.Slug {
			if i > 0 {
				prev = &lessons[i-1]
			}
			if i+1 < len(lessons) {
				next = &lessons[i+1]
			}
		}
	}
	return shell("/learn/"+l.Slug,
		app.Nav().Class("crumbs").Aria("label", "Breadcrumb").Body(app.A().Href(href("/learn")).Text("Learn"), app.Text(" / "+l.Title)),
		&pageHeading{Title: l.Title, Lead: l.Summary},
		app.Article().Class("lesson").Body(
			app.Range(l.Sections).Slice(func(i int) app.UI {
				s := l.Sections[i]
				return app.Section().Body(
					app.H2().Text(s.Heading),
					app.Range(s.Text).Slice(func(j int) app.UI { return app.P().Text(s.Text[j]) }),
				)
			}),
			app.Range(l.Attacks).Slice(func(i int) app.UI { return attackClassView(l.Attacks[i]) }),
			app.If(l.Widget != nil, func() app.UI {
				return app.Section().Class("try").Aria("labelledby", "try-title").Body(
					app.H2().ID("try-title").Text("Try it"),
					l.Widget(),
					app.If(l.Tool != "", func() app.UI {
						return app.P().Body(app.A().Href(href(l.Tool)).Text("Open the full tool"))
					}),
				)
			}),
			app.Section().ID("mistakes").Class("mistakes").Aria("labelledby", "mistakes-title").Body(
				app.H2().ID("mistakes-title").Text("Common mistakes"),
				app.Ul().Body(app.Range(l.Mistakes).Slice(func(i int) app.UI {
					m := l.Mistakes[i]
					return app.Li().Body(app.Strong().Text(m.What+". "), app.Text(m.Why))
				})),
			),
			app.If(len(l.Refs) > 0, func() app.UI {
				return app.P().Class("refs").Body(app.Strong().Text("Specifications: "), app.Text(joinRefs(l.Refs)))
			}),
		),
		app.Nav().Class("pager").Aria("label", "Lessons").Body(
			app.If(prev != nil, func() app.UI { return app.A().Href(href("/learn/" + prev.Slug)).Text("← " + prev.Title) }),
			app.If(next != nil, func() app.UI { return app.A().Href(href("/learn/" + next.Slug)).Text(next.Title + " →") }),
		),
	)
}

func joinRefs(refs []string) string {
	out := ""
	for i, r := range refs {
		if i > 0 {
			out += "; "
		}
		out += r
	}
	return out
}
