# Kusari figure
# Draws year.png from year.dat (one data block per series, chosen with index).
# To restyle it, edit this file and run it from its folder:  gnuplot year.gp

# pngcairo draws smooth lines and text; the plain png terminal is the fallback without cairo.
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
    set terminal pngcairo size 1000,520 noenhanced font "Sans,11"
} else {
    set terminal png size 1000,520 noenhanced font "Sans,11"
}
set output 'year.png'
set encoding utf8
set minussign  # tic labels get a real minus sign (U+2212), not a hyphen

# Series 1, 2, ... of each panel use line types 1, 2, ...: colour, width, marker (pt 7: disc).
set linetype 1 lc rgb "#1f77b4" lw 2 pt 7 ps 0.8 dt solid
set linetype 2 lc rgb "#ff7f0e" lw 2 pt 7 ps 0.8 dt solid
set linetype 3 lc rgb "#2ca02c" lw 2 pt 7 ps 0.8 dt solid
set linetype 4 lc rgb "#d62728" lw 2 pt 7 ps 0.8 dt solid
set linetype 5 lc rgb "#9467bd" lw 2 pt 7 ps 0.8 dt solid
set linetype 6 lc rgb "#8c564b" lw 2 pt 7 ps 0.8 dt solid
set linetype 7 lc rgb "#e377c2" lw 2 pt 7 ps 0.8 dt solid
set linetype 8 lc rgb "#7f7f7f" lw 2 pt 7 ps 0.8 dt solid
set linetype 9 lc rgb "#bcbd22" lw 2 pt 7 ps 0.8 dt solid
set linetype 10 lc rgb "#17becf" lw 2 pt 7 ps 0.8 dt solid
set linetype cycle 10
set border 3 lc rgb "#404040"  # left and bottom axes only
set tics nomirror out scale 0.6 textcolor rgb "#303030"
set style line 100 lc rgb "#e6e6e6" lw 1 dt solid  # the grid

# Panel 1 of 1 (row 1, column 1)
set title "Seattle: the trained models on every hour of the series" font ",12"
set tmargin  # automatic
set xlabel "week of the year"
set ylabel "RMSE of the week (°F)"
unset logscale
set format x "% h"
set xrange [0.0:53.0]
set format y "% h"
set yrange [0.0:4.830639373108599]
set xtics autofreq
set grid xtics ytics linestyle 100
set key outside below center horizontal reverse Left samplen 2.5 nobox height 1
plot 'year.dat' index 0 using 1:2 with linespoints lt 1 lc rgb "#1f77b4" title "stateless (whole series 2.10 °F)", \
     'year.dat' index 1 using 1:2 with linespoints lt 2 lc rgb "#ff7f0e" dt (8,5) title "stateful (whole series 0.57 °F)", \
     'year.dat' index 2 using 1:2 with linespoints lt 3 lc rgb "#2ca02c" dt (8,4,1,4) title "stateful, Keras layout (whole series 2.19 °F)"

set output  # closes year.png
