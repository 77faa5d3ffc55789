# bench/run's chart: throughput and latency of the ceiling (the simulator's phone endpoint), the gateway (JVM,
# native) and the WxJava peer, at bench/run's first connection count.
# gnuplot -e "data='latest.dat'; out='latest.png'; conns='16'" chart.gp
set terminal pngcairo size 1200,480 font "sans,10"
set output out
set style data histograms
set style fill solid 0.85 border -1
set grid ytics
set key top left
set yrange [0:*]
set multiplot layout 1,2 title sprintf("POST /phone on this machine, %s connections: gateway, WxJava peer, simulator direct (the ceiling)", conns)

set title "Throughput (lookups/s, full speed)"
set style histogram clustered gap 1
set boxwidth 0.6
unset key
plot data using 2:xtic(1) linecolor rgb "#3b7dd8", \
     '' using 0:2:(sprintf("%.0f", $2)) with labels offset 0,0.7 notitle

set title "Latency (ms, log scale)"
set key outside bottom center horizontal
set logscale y
set yrange [0.1:*]
set style histogram clustered gap 2
plot data using 3:xtic(1) title "p50, full speed" linecolor rgb "#9ecae1", \
     '' using 4 title "p99, full speed" linecolor rgb "#3182bd", \
     '' using 5 title "p99.9, full speed" linecolor rgb "#08519c"
unset multiplot
