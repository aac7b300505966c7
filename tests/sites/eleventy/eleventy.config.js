export default function (eleventyConfig) {
	eleventyConfig.addPassthroughCopy("img");
}

export const config = {
	dir: {
		input: "content",
		includes: "_includes",
		data: "_data",
		output: "_site",
	},
};
