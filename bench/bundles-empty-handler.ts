// The baseline of the bundles and cold-start sections: a handler with nothing in it.
export const handler = () => Promise.resolve({});
