/**
 * Story text is markdown typed by coalition members; it is turned into HTML here and nowhere
 * else. Raw HTML is escaped (html: false), images inside the text are off (photos go through the
 * checked upload, with alt text and consent), and links may only point to web pages or e-mail.
 */
import MarkdownIt from 'markdown-it';

const SAFE_LINK = /^(?:https?:|mailto:)/i;

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
md.disable(['image']);
// markdown-it lets through http, https, mailto, ftp, data:image… by default; ours is a shorter list.
md.validateLink = (url) => SAFE_LINK.test(url.trim());

const renderLink =
	md.renderer.rules.link_open ??
	((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
	// Outside links are someone else's page: no referrer, no handle on this window.
	tokens[idx].attrSet('rel', 'nofollow noopener noreferrer');
	return renderLink(tokens, idx, options, env, self);
};

/** The story's text as HTML that is safe to put on a page with {@html}. */
export function renderMarkdown(text: string | null | undefined): string {
	if (!text) return '';
	return md.render(text);
}
