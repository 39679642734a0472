document.getElementById("app")!.textContent = "ZenMoon";
