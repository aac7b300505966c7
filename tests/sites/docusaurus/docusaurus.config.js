// @ts-check
/* An old address, kept for reference: url: 'https://old.example.dev', */

/** @type {import('@docusaurus/types').Config} */
const config = {
  title: 'Loom Docs',
  url: 'https://loom-docs.example.dev',
  baseUrl: '/',
  presets: [['classic', {docs: {}, blog: {showReadingTime: true}}]],
};

module.exports = config;
