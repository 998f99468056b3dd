// The end-to-end scenarios (scenarios.ts) in Chromium, with the unzipped Chrome artifact.
import { defineScenarios } from './scenarios';

defineScenarios('chromium');
