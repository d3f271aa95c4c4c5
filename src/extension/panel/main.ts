// The panel's page: inside DevTools it records the inspected tab; opened as panel.html?tab=<id> (its tab form) it
// records that tab; opened bare (the toolbar button) it lists the tabs to choose from.
import { createPinia } from "pinia";
import { createApp } from "vue";
import { useLayoutStore } from "../../ui/shell/store";
import { chromeApi } from "../chrome-api";
import PanelApp from "./PanelApp.vue";
import "../../ui/styles/theme.css";
import "../../ui/styles/base.css";
import "../../ui/styles/layout.css";
import "../../ui/styles/components.css";
import "./panel.css";

const chrome = chromeApi();
const asked = Number(new URLSearchParams(location.search).get("tab"));
const tabId = chrome.devtools?.inspectedWindow.tabId ?? (Number.isInteger(asked) && asked > 0 ? asked : undefined);

const app = createApp(PanelApp, { tabId, inDevTools: chrome.devtools !== undefined });
app.use(createPinia());
app.config.errorHandler = (err) => console.error("inspector:", err);
// Inside DevTools, the system theme is DevTools' own (which may differ from the system's) until one is chosen.
const layout = useLayoutStore();
if (chrome.devtools && layout.theme === "system")
  document.documentElement.dataset.theme = chrome.devtools.panels.themeName === "dark" ? "dark" : "light";
app.mount("#app");
