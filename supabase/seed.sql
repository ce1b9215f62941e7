-- The demo catalogue, applied after the migrations by `npm run db:reset` and `supabase db reset`.
-- Every text here is original, written for this demo. Prices are in minor units of the currency.

insert into public.products (slug, title, summary, price_cents, currency, cover, sample, published, position)
values
  ('sourdough-field-guide', 'The Sourdough Field Guide',
   'From a jar of flour and water to a loaf with an open crumb, in seven unhurried days.',
   1200, 'eur', '/covers/sourdough-field-guide.svg',
   $md$## Day one: flour, water, patience

A starter is a small, hungry ecosystem. On day one you give it nothing but equal weights of
wholemeal flour and lukewarm water, a loose lid and a warm shelf. Nothing visible happens, and
that is exactly right: the yeasts and bacteria already living on the grain are waking up.

*The full guide walks through all seven days, the first bake, and what to do when it goes wrong.*$md$,
   true, 1),
  ('night-photography', 'Pocket Guide to Night Photography',
   'Stars, city lights and the blue hour with the camera you already own, phone included.',
   900, 'usd', '/covers/night-photography.svg',
   $md$## The twenty-minute window

The best night photographs are rarely taken at night. They are taken in the twenty minutes after
sunset, when the sky still holds a deep blue and the street lights have just come on, so both
sit in the same exposure without either turning to mud.

*The full guide covers exposure, focus in the dark, star trails and editing on a phone.*$md$,
   true, 2),
  ('slow-mornings', 'Slow Mornings: A Journaling Course',
   'Ten short lessons for a calmer first hour, each with a prompt you can finish before the kettle boils.',
   1900, 'eur', '/covers/slow-mornings.svg',
   $md$## Lesson one: three lines

Write three lines. Not a page, not a plan for the day: three lines about what you noticed since
you woke. The limit matters. It is small enough to do on the worst morning of the month, and a
habit is built on the worst mornings, not the best ones.$md$,
   true, 3),
  ('houseplants-that-forgive', 'Houseplants That Forgive You',
   'Twelve plants that survive travel, neglect and enthusiasm, and how to read what they tell you.',
   750, 'gbp', '/covers/houseplants-that-forgive.svg',
   $md$## Most plants die of kindness

More houseplants drown than starve. Roots need air as much as water, and a pot that never dries
out is a pot without air. The first rule of this guide is the simplest: push a finger into the
soil up to the first knuckle, and water only when it comes out dry.$md$,
   true, 4),
  ('bike-repair-basics', 'Bike Repair for the Rest of Us',
   'Fix a flat, tame squeaky brakes and adjust gears with five tools and no workshop.',
   1400, 'usd', '/covers/bike-repair-basics.svg',
   $md$## The five tools

Tyre levers, a pump with the right valve head, a set of hex keys, a chain tool and a rag. With
these five things you can do nine out of ten roadside repairs. The rag is not a joke: a clean
chain shifts better, lasts longer and tells you where the real problem is.$md$,
   true, 5),
  ('tiny-kitchen-ferments', 'Tiny Kitchen Ferments',
   'Kimchi, pickles and kombucha in a kitchen with one shelf and one window.',
   1500, 'jpy', '/covers/tiny-kitchen-ferments.svg',
   $md$## Salt is the recipe

Almost every vegetable ferment in this book is the same recipe: vegetables, and two percent of
their weight in salt. Weigh, do not guess. Two percent keeps the wrong microbes out and lets the
right ones in; one percent invites mould, and four percent makes something nobody wants to eat.$md$,
   true, 6),
  ('clear-emails', 'Writing Clear Emails',
   'A free short guide: say what you need in the first line. Free: leave your email and read it.',
   0, 'eur', '/covers/clear-emails.svg',
   $md$## Put the ask first

The reader of your email decides in the first line whether to act now, later or never. Put what
you need from them there, with a date if there is one. Context can follow; most readers will not
get that far, and the ones who do will thank you for the order.$md$,
   true, 7);

insert into public.product_content (product_id, body)
select id, body from public.products join (values
  ('sourdough-field-guide', $md$## Day one: flour, water, patience

Mix 50 g wholemeal flour with 50 g water at about 26 °C in a clean jar. Cover loosely and leave
it somewhere warm. Nothing visible happens today; the organisms on the grain are waking up.

## Days two to four: the false start

Around day two the jar often bubbles dramatically, then goes quiet on day three. This is not
your starter failing. The first bloom is bacteria that do not like acid; as the jar sours they
die back, and the yeasts you want take over. Keep feeding: discard all but 50 g, add 50 g flour
and 50 g water, every 24 hours.

## Days five to seven: reading the jar

A ready starter doubles within six hours of a feed, smells of yoghurt and green apples, and a
spoonful floats in water. If it smells of nail varnish, it is hungry: feed it twice a day.

## The first loaf

- 350 g water, 100 g active starter, 500 g strong white flour: mix and rest one hour.
- Add 10 g salt with a splash of water, squeeze it through.
- Four sets of stretch-and-folds, thirty minutes apart.
- Shape, then rest overnight in the fridge in a floured bowl.
- Bake in a preheated covered pot at 250 °C for 20 minutes, uncovered at 230 °C for 25 more.

Let it cool for an hour before cutting. The crumb is still setting; cut early and it turns gummy.$md$),
  ('night-photography', $md$## The twenty-minute window

Shoot in the twenty minutes after sunset, when the sky holds a deep blue and street lights have
just come on. Sky and lights then fit in one exposure.

## Keep it still

At night every exposure is long. Brace the camera on a wall, a bag or a tripod, and use a
two-second timer so your finger does not shake it. On a phone, night mode does the stacking for
you; your job is only to hold still until it finishes.

## Focus in the dark

Autofocus needs contrast. Point at the brightest light in the scene, lock focus, then recompose.
For stars, switch to manual focus, zoom the live view on one bright star, and turn the ring
until it is the smallest point you can get.

## Star trails

Take two hundred 30-second exposures in a row and stack them. The earth turns about fifteen
degrees an hour, so an hour and a half of frames draws long, even arcs around the pole star.

## Editing

Lower the highlights before anything else, so street lights keep their colour. Then warm or
cool the white balance to taste: there is no "correct" colour for a night sky.$md$),
  ('slow-mornings', $md$## Lesson one: three lines

Write three lines about what you noticed since you woke. Small enough for the worst morning.

## Lesson two: the same time, not the same length

Consistency of time matters more than length. Five minutes at 7:10 every day beats an hour on
Sundays. Tie it to something you already do: the kettle, the first coffee, the bus.

## Lesson three: a question, not a list

Lists turn journals into to-do apps. Start instead with one question: "What would make today
feel unhurried?" Answer it in one sentence.

## Lesson four: write what you will not do

Name one thing you will deliberately leave undone today. It is the fastest way to make the rest
of the day feel chosen rather than imposed.

## Lessons five to ten

Gratitude without cliché, writing about people, the weekly look back, the monthly letter to
yourself, when to skip a day, and how to read old pages without wincing. Each lesson ends with a
prompt; the course works best one lesson a week.$md$),
  ('houseplants-that-forgive', $md$## The finger test

Push a finger into the soil to the first knuckle. Dry: water thoroughly until it runs out of the
bottom. Damp: wait. This one habit prevents most houseplant deaths.

## The twelve

Snake plant, ZZ plant, pothos, spider plant, cast-iron plant, rubber plant, peace lily, jade,
ponytail palm, Chinese evergreen, heartleaf philodendron and aloe. Each forgives a missed
fortnight; none forgives a saucer full of standing water.

## Reading the leaves

- Yellow and soft: too much water.
- Brown and crisp at the edges: too little water or too much direct sun.
- Long, pale stems reaching sideways: not enough light. Move it closer to a window.

## Going away

Water as usual, move plants out of direct sun, and group them together: they keep each other's
air humid. A month away is fine for every plant in this guide.$md$),
  ('bike-repair-basics', $md$## The five tools

Tyre levers, a pump with the right valve head, hex keys, a chain tool and a rag.

## Fixing a flat

Release the brake if needed and take the wheel out. Hook one lever under the tyre bead, pull it
over the rim, and slide the second lever round. Before fitting a new tube, run your fingers
carefully around the inside of the tyre: the thorn that caused the flat is usually still there.

## Squeaky brakes

Squeal comes from contamination or from pads hitting the rim flat. Clean the rim with the rag
and a little alcohol; then adjust the pads so the front edge touches first ("toe-in") by about a
millimetre.

## Gears that skip

Shift to the smallest rear sprocket. Turn the barrel adjuster by the rear derailleur a quarter
turn anticlockwise at a time while shifting up, until the chain climbs cleanly. If it
overshoots, turn back.$md$),
  ('tiny-kitchen-ferments', $md$## Salt is the recipe

Vegetables plus two percent of their weight in salt. Weigh everything.

## Quick cabbage kimchi

Cut one napa cabbage into bite-sized pieces, salt at two percent and leave for two hours. Rinse
lightly. Mix with a paste of garlic, ginger, chilli flakes, a spoon of sugar and fish sauce or
soy sauce. Pack tightly into a jar, press until the liquid covers it, and leave at room
temperature for two days before moving it to the fridge.

## One-window kombucha

Brew a litre of sweet black tea (70 g sugar, four tea bags), let it cool, add a scoby with a cup
of mature kombucha and cover with a cloth. Keep it out of direct sun. Taste from day seven: it is
ready when it is as sour as you like it.

## When to throw it away

Fuzzy mould on top, pink or black patches, or a smell that makes you step back. White film
(kahm yeast) is harmless: skim it off.$md$),
  ('clear-emails', $md$## Put the ask first

State what you need, from whom, by when, in the first line.

## One email, one subject

If you need two unrelated things, send two emails. Each gets its own thread, its own answer and
its own place in someone's to-do list.

## Subjects that work

A good subject line is the ask in miniature: "Approve budget by Friday?" beats "Budget". The
reader should be able to act from the inbox list alone.

## Cut the warm-up

Delete your first paragraph and read the email again. Most of the time nothing is lost.$md$)
) as content(slug, body) using (slug);
