// The baseline: a minimal JavaScript JWT decoder page built on jose.
import { decodeJwt, decodeProtectedHeader } from "jose";

const token = document.getElementById("token");
const show = () => {
  const t = token.value.trim().replace(/^bearer\s+/i, "");
  try {
    document.getElementById("header").textContent = JSON.stringify(decodeProtectedHeader(t), null, 2);
    document.getElementById("payload").textContent = JSON.stringify(decodeJwt(t), null, 2);
    document.getElementById("problems").textContent = "";
  } catch (err) {
    document.getElementById("problems").textContent = err.message;
  }
};
token.addEventListener("input", show);
