// The end-to-end scenarios (scenarios.ts) in Firefox ESR, with the .xpi installed as a temporary add-on.
import { defineScenarios } from './scenarios';

defineScenarios('firefox');
