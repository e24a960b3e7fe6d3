// Draws every <div data-chart="..."> with ECharts: the attribute holds the chart's
// option as JSON, written by the server. The text uses the page's font (Noto Sans SC).
(function () {
  function draw(element) {
    var option = JSON.parse(element.getAttribute("data-chart"));
    option.textStyle = { fontFamily: "Noto Sans SC, sans-serif" };
    option.animation = false;
    var chart = echarts.init(element);
    chart.setOption(option);
    element.setAttribute("data-drawn", "1");
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function drawAll() {
    document.querySelectorAll("[data-chart]:not([data-drawn])").forEach(draw);
  }
  document.addEventListener("DOMContentLoaded", drawAll);
  document.addEventListener("htmx:afterSettle", drawAll);
})();
