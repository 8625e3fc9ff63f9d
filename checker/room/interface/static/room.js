// Short polling: ask every two seconds whether the board changed (the server answers 304 when
// it did not), and swap in the new server-rendered board when it did. Survives a server restart.
(function () {
  const live = document.getElementById("live");
  const base = location.pathname.replace(/\/$/, "");

  async function poll() {
    const board = document.getElementById("board");
    try {
      const response = await fetch(base + "/board", {
        headers: { "If-None-Match": board.dataset.etag },
        credentials: "same-origin",
        cache: "no-store",
      });
      if (response.status === 200) {
        board.outerHTML = await response.text();
      }
      live.classList.toggle("offline", !(response.ok || response.status === 304));
      live.textContent = response.ok || response.status === 304 ? "live" : "offline";
    } catch (error) {
      live.classList.add("offline");
      live.textContent = "reconnecting";
    }
    setTimeout(poll, 2000);
  }

  async function act(action) {
    const question = action === "close"
      ? "Close the room? Learners can no longer join or report."
      : "Archive the room? Every learner token is revoked; the board stays as a record.";
    if (!confirm(question)) return;
    const response = await fetch(base + "/" + action, { method: "POST", credentials: "same-origin" });
    if (!response.ok) {
      const problem = await response.json();
      alert(problem.detail);
    }
  }

  document.querySelectorAll("button[data-action]").forEach(function (button) {
    button.addEventListener("click", function () { act(button.dataset.action); });
  });
  setTimeout(poll, 2000);
})();
