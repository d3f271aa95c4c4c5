import { createPinia } from "pinia";
import { createApp } from "vue";
// The global sheets first: the components' own <style> blocks come after them in the bundle, and win a tie.
import "./styles/theme.css";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/components.css";
import App from "./App.vue";

const app = createApp(App);
app.use(createPinia());
// A failure inside a component is shown, not left to freeze the page.
app.config.errorHandler = (err) => console.error("inspector:", err);
app.mount("#app");
