import { createSepakatApp } from './sepakat-app.ts';

createSepakatApp();
