// Draws each chart of the statistics page with Chart.js from the data the server embedded
// beside it: the same numbers as the table under it and the CSV download.
(function () {
  "use strict";
  var palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#ff7f0e", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173"];
  function draw(canvas) {
    var source = document.getElementById("data-" + canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") return;
    var chart = JSON.parse(source.textContent);
    var stacked = chart.kind === "time";
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: chart.series.map(function (series, index) {
          return { label: series.label, data: series.values,
            backgroundColor: palette[index % palette.length] };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: chart.series.length > 1 } },
        scales: {
          x: { stacked: stacked },
          y: { stacked: stacked, beginAtZero: true, title: { display: true, text: chart.unit } }
        }
      }
    });
  }
  function start() {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
