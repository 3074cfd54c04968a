import { start } from "./customerValue";

document.addEventListener("DOMContentLoaded", () => {
  void start(window, document.getElementById("dashboard") as HTMLElement);
});
