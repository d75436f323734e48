/// <reference lib="dom" />
// The console bench's baseline: a page built exactly as the console is, whose script paints one
// heading and nothing else.
const heading = document.createElement('h1');
heading.textContent = 'Sepakat';
document.getElementById('app')?.append(heading);
