import { connect } from "./customerSummary";

connect(window, document.getElementById("summary") as HTMLElement);
