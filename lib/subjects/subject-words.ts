// The word lists that turn a scene's nouns into drawings: what the icon set's own names and keywords miss.

/** Drawings of Storyreel's own for nouns the emoji set has no picture of (see custom-drawings.ts). */
export const CUSTOM = { lighthouse: "custom:lighthouse", shelves: "custom:shelves" } as const;

/**
 * A noun -> the icon a person would expect, where the set's names would pick a lesser one (a "boat" is a sailboat
 * rather than a motor boat) or have no such word. Person words resolve through personIcon instead.
 */
export const SYNONYMS: Record<string, string> = {
  library: CUSTOM.shelves,
  shelf: CUSTOM.shelves,
  bookshelf: CUSTOM.shelves,
  bookcase: CUSTOM.shelves,
  bookstore: CUSTOM.shelves,
  lighthouse: CUSTOM.lighthouse,
  beacon: CUSTOM.lighthouse,
  boat: "sailboat",
  yacht: "sailboat",
  dinghy: "sailboat",
  canoe: "canoe",
  kayak: "canoe",
  ferry: "ferry",
  steamer: "passenger-ship",
  car: "automobile",
  taxi: "taxi",
  truck: "delivery-truck",
  lorry: "articulated-lorry",
  bike: "bicycle",
  motorbike: "motorcycle",
  plane: "airplane",
  jet: "airplane",
  aircraft: "airplane",
  spaceship: "rocket",
  train: "locomotive",
  tram: "tram",
  city: "cityscape",
  town: "cityscape",
  skyline: "cityscape",
  metropolis: "cityscape",
  downtown: "cityscape",
  village: "houses",
  house: "house",
  home: "house",
  cottage: "house-with-garden",
  farmhouse: "house-with-garden",
  farm: "house-with-garden",
  cabin: "hut",
  shack: "hut",
  ruin: "derelict-house",
  palace: "castle",
  fortress: "castle",
  museum: "classical-building",
  courthouse: "classical-building",
  temple: "classical-building",
  tower: "tokyo-tower",
  bridge: "bridge-at-night",
  island: "desert-island",
  tree: "deciduous-tree",
  oak: "deciduous-tree",
  forest: "evergreen-tree",
  woods: "evergreen-tree",
  pine: "evergreen-tree",
  palm: "palm-tree",
  flower: "tulip",
  garden: "tulip",
  window: "window",
  door: "door",
  lamp: "diya-lamp",
  lantern: "red-paper-lantern",
  sofa: "couch-and-lamp",
  couch: "couch-and-lamp",
  clock: "mantelpiece-clock",
  piano: "musical-keyboard",
  book: "open-book",
  letter: "envelope",
  phone: "mobile-phone",
  computer: "laptop",
  cup: "hot-beverage",
  coffee: "hot-beverage",
  tea: "teacup-without-handle",
  kitten: "cat",
  puppy: "dog",
  hound: "dog",
  crow: "blackbird",
  raven: "blackbird",
  gull: "bird",
  seagull: "bird",
  sparrow: "bird",
  pony: "horse",
  stallion: "horse",
  bee: "honeybee",
  bunny: "rabbit",
  hare: "rabbit",
  cub: "bear",
  fish: "tropical-fish",
  lightning: "cloud-with-lightning",
  thunder: "cloud-with-lightning",
  cloud: "cloud",
  wind: "wind-face",
  umbrella: "umbrella-with-rain-drops",
  snowflake: "snowflake",
  robot: "robot",
  ghost: "ghost",
  alien: "alien",
  skeleton: "skull",
  pumpkin: "jack-o-lantern",
  king: "person-with-crown",
  queen: "princess",
  knight: "guard",
  soldier: "guard",
  wizard: "man-mage",
  mermaid: "woman-merpeople",
  sword: "crossed-swords",
  ball: "soccer-ball",
  cake: "birthday-cake",
  hourglass: "hourglass-done",
  witch: "woman-mage",
  doctor: "health-worker",
  nurse: "health-worker",
  chef: "cook",
  baker: "cook",
  dancer: "woman-dancing",
  crowd: "person-standing",
  crew: "person-standing",
  sailor: "person-standing",
  harbor: "sailboat",
  harbour: "sailboat",
  marina: "sailboat",
  people: "person-standing",
};

/** Who a person word is: the set draws men, women and people doing things (man-walking, woman-climbing). */
export const PERSON_WORDS: Record<string, "man" | "woman" | "person"> = {
  man: "man",
  he: "man",
  boy: "man",
  father: "man",
  grandfather: "man",
  gentleman: "man",
  fisherman: "man",
  woman: "woman",
  she: "woman",
  girl: "woman",
  mother: "woman",
  grandmother: "woman",
  lady: "woman",
  person: "person",
  child: "person",
  kid: "person",
  stranger: "person",
  traveler: "person",
  traveller: "person",
  hiker: "person",
  wanderer: "person",
  figure: "person",
  friend: "person",
  someone: "person",
};

/** Verbs that the set draws a person doing; the first match in the sentence is the figure's pose. */
export const PERSON_POSES: [RegExp, string][] = [
  [/\b(walk|walks|walking|stroll|strolls|wander|wanders|wandering|hike|hikes|steps|marches)\b/i, "walking"],
  [/\b(run|runs|running|race|races|sprint|sprints|flee|flees|chase|chases)\b/i, "running"],
  [/\b(climb|climbs|climbing|scale|scales)\b/i, "climbing"],
  [/\b(swim|swims|swimming|dive|dives)\b/i, "swimming"],
  [/\b(surf|surfs|surfing)\b/i, "surfing"],
  [/\b(dance|dances|dancing|twirl|twirls)\b/i, "dancing"],
  [/\b(kneel|kneels|kneeling|pray|prays)\b/i, "kneeling"],
  [/\b(cycle|cycles|cycling|ride|rides|riding|pedal|pedals)\b.*\b(bike|bicycle)\b/i, "biking"],
  [/\b(row|rows|rowing|paddle|paddles)\b/i, "rowing-boat"],
  [/\b(juggle|juggles|juggling)\b/i, "juggling"],
];

/** Verbs of flight: a bird or a plane doing them is drawn in the sky rather than on the ground. */
export const FLYING =
  /\b(fly|flies|flying|flew|soar|soars|soaring|glide|glides|gliding|circle|circles|hover|hovers|wheel|wheels|sky|skies|overhead|above)\b/i;

/**
 * Words that are never a drawing: the framing and style phrases the scene writer appends, times of day and
 * weather the backdrop already paints, and common words the emoji keywords happen to contain.
 */
export const STOP_WORDS = new Set(
  (
    "a an the this that these those his her their its my our your some any every each all no one two three four " +
    "five several many few of in on at over under between through across into onto from by near beside behind above " +
    "below along around inside within toward towards past among beneath upon off out up down to with without for " +
    "and or but then while as is are was were be been being it they them we you i me us " +
    // framing and style phrases
    "shot view close wide establishing medium low angle aerial shoulder lighting light lights anamorphic rich colour " +
    "color grade storybook illustration soft shapes warm palette watercolor watercolour painting washes paper " +
    "texture neon lit synthwave glowing edges film noir high contrast black white deep shadows shadow cinematic " +
    "style photo image picture portrait scene frame lens focus bokeh detailed dramatic render " +
    // painted by the backdrop: sky, time of day, weather, landscape
    "sky skies sun sunlight sunshine moon moonlight starlight star stars night midnight dawn dusk morning evening " +
    "noon afternoon sunrise sunset twilight day daylight storm rain fog mist haze snow weather air wind breeze " +
    "sea ocean wave waves water horizon land ground earth world hills hill valley meadow field plain desert sand " +
    "dune dunes space fire flame flames smoke dust glow shine spark sparks heat cold ice frost " +
    // generic nouns and words of the keyword lists that are not things to draw
    "time moment story end beginning start way life memory dream dreams silence peace quiet thing things side " +
    "middle top bottom edge distance place spot path road street floor wall corner room hall back front " +
    "old new red blue green yellow orange purple pink brown grey gray dark bright big small little tall huge tiny " +
    "great last first long short high fast slow open closed full empty golden silver wild young ancient lonely lone " +
    "alone together away happy sad calm still hot wet dry lost final quick gentle heavy loud rare late early slowly " +
    "love hope fear joy magic nature face eyes eye hand hands head heart voice sound song music word words " +
    "walk walks run runs fly flies swim swims play plays sleep sleeps look looks stand stands sit sits wait waits " +
    "turn turns go goes come comes reach reaches rise rises fall falls float floats watch watches begin begins"
  ).split(" "),
);

/** shelves -> shelf, cities -> city, boxes -> box, cats -> cat; the irregular plurals scenes use. */
const IRREGULAR: Record<string, string> = {
  people: "people",
  men: "man",
  women: "woman",
  children: "child",
  mice: "mouse",
  geese: "goose",
  feet: "foot",
  teeth: "tooth",
  sheep: "sheep",
  fish: "fish",
  deer: "deer",
  wolves: "wolf",
  leaves: "leaf",
  knives: "knife",
  shelves: "shelf",
  lives: "life",
  woods: "woods",
  bus: "bus",
  octopus: "octopus",
  cactus: "cactus",
};

export function singular(word: string): string {
  if (IRREGULAR[word]) return IRREGULAR[word];
  if (/ies$/.test(word) && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|xes|sses|zes)$/.test(word)) return word.slice(0, -2);
  if (/[^su]s$/.test(word) && word.length > 3) return word.slice(0, -1);
  return word;
}
