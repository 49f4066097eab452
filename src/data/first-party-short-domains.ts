/**
 * Hand-curated first-party short domains: each belongs to one brand and redirects only to that
 * brand's own site, so it does not hide an arbitrary destination the way a shared public shortener
 * (bit.ly, tinyurl.com, t.co) does. Every entry is also in URL_SHORTENER_DOMAINS (the upstream list
 * counts them as shorteners). Clearsend reports them as `content.url_shortener` with severity
 * `warn`, not `block`: carriers still prefer a full URL on a domain that matches the sender
 * (T-Mobile Code of Conduct via aggregator guidance; Twilio error 30963), but they are not the
 * public shorteners that carriers filter outright. See docs/content-rules.md.
 *
 * Deliberately NOT here (treated as public shorteners, block): t.co and lnkd.in (wrap any URL
 * posted on the platform; Twilio 30963 names t.co), goo.gl (Google's retired public shortener),
 * wp.me and dlvr.it/ift.tt/trib.al/buff.ly (point to arbitrary third-party sites).
 */
export const FIRST_PARTY_SHORT_DOMAINS: ReadonlyMap<string, string> = new Map([
  ['youtu.be', 'YouTube videos'],
  ['amzn.to', 'Amazon product pages'],
  ['a.co', 'Amazon product pages'],
  ['1drv.ms', 'Microsoft OneDrive files'],
  ['aka.ms', 'Microsoft pages'],
  ['msft.it', 'Microsoft pages'],
  ['g.co', 'Google pages'],
  ['g.page', 'Google Business Profile pages'],
  ['forms.gle', 'Google Forms'],
  ['apple.co', 'Apple pages'],
  ['wa.me', 'WhatsApp click-to-chat'],
  ['m.me', 'Facebook Messenger chats'],
  ['fb.me', 'Facebook pages'],
  ['instagr.am', 'Instagram pages'],
  ['pin.it', 'Pinterest pins'],
  ['redd.it', 'Reddit posts'],
  ['spoti.fi', 'Spotify pages'],
  ['spotify.link', 'Spotify pages'],
  ['etsy.me', 'Etsy listings'],
  ['flic.kr', 'Flickr photos'],
  ['t.me', 'Telegram chats'],
  ['discord.gg', 'Discord invites'],
  ['nyti.ms', 'New York Times articles'],
  ['wapo.st', 'Washington Post articles'],
  ['bbc.in', 'BBC articles'],
  ['cnn.it', 'CNN articles'],
  ['reut.rs', 'Reuters articles'],
]);
