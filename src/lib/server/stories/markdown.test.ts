import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('story markdown', () => {
	it('renders the formatting people use in a story', () => {
		const html = renderMarkdown(
			'## Lo que cambió\n\n**La comunidad** se organizó.\n\n- Feria\n- Ordenanza\n\n[Municipalidad](https://example.gob.pe)'
		);
		expect(html).toContain('<h2>Lo que cambió</h2>');
		expect(html).toContain('<strong>La comunidad</strong>');
		expect(html).toContain('<li>Feria</li>');
		expect(html).toContain('<a href="https://example.gob.pe" rel="nofollow noopener noreferrer">');
	});

	it('escapes raw HTML and scripts instead of running them', () => {
		const html = renderMarkdown(
			'Hola <script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n<iframe src="https://evil.example"></iframe>'
		);
		expect(html).not.toMatch(/<script|<img|<iframe/i);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
	});

	it('keeps links to web pages and e-mail only', () => {
		const html = renderMarkdown(
			'[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html;base64,PHNjcmlwdD4=) [d](vbscript:x) [e](mailto:hola@example.org) [f](/app/users)'
		);
		expect(html).not.toMatch(/href="(?:javascript|data|vbscript):/i);
		expect(html).not.toContain('href="/app/users"');
		expect(html).toContain('href="mailto:hola@example.org"');
		// The refused links stay readable as text.
		expect(html).toContain('[a](javascript:alert(1))');
	});

	it('shows images typed into the text as text, not as pictures', () => {
		const html = renderMarkdown('![foto](https://tracker.example/pixel.png)');
		expect(html).not.toContain('<img');
	});

	it('renders nothing for an empty text', () => {
		expect(renderMarkdown(null)).toBe('');
		expect(renderMarkdown('')).toBe('');
	});
});
