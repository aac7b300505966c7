// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

// postlint reads the literal `site:` below; it never runs this file.
export default defineConfig({
	site: 'https://orbit-notes.example.net',
	integrations: [mdx()],
});
