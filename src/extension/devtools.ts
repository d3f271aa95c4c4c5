// DevTools loads this page (the manifest's devtools_page) when it opens: it adds the Socket.IO panel. The panel's
// page loads when the user first opens it, and its recording starts then.
import { chromeApi } from "./chrome-api.js";

chromeApi().devtools?.panels.create("Socket.IO", "icons/icon-16.png", "panel.html");
