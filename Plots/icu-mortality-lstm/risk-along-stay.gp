# Kusari figure
# Draws risk-along-stay.png from risk-along-stay.dat (one data block per series, chosen with index).
# To restyle it, edit this file and run it from its folder:  gnuplot risk-along-stay.gp

# pngcairo draws smooth lines and text; the plain png terminal is the fallback without cairo.
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
    set terminal pngcairo size 1100,800 noenhanced font "Sans,11"
} else {
    set terminal png size 1100,800 noenhanced font "Sans,11"
}
set output 'risk-along-stay.png'
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
set multiplot layout 2,1 rowsfirst

# Panel 1 of 2 (row 1, column 1)
set title "Predicted risk of death after each hour (LSTM, validation stays)" font ",12"
set tmargin  # automatic
set xlabel "hours since admission"
set ylabel "predicted risk"
unset logscale
set format x "% h"
set xrange [*:*]
set format y "% h"
set yrange [0.0:1.0]
set xtics autofreq
set grid xtics ytics linestyle 100
set key outside right top vertical reverse Left samplen 2.5 nobox
plot 'risk-along-stay.dat' index 0 using 1:2 with lines lt 1 lc rgb "#d62728" lw 2.5 title "stay 1501 (died)", \
     'risk-along-stay.dat' index 1 using 1:2 with lines lt 2 lc rgb "#ff7f0e" lw 2.0 title "stay 1502 (died)", \
     'risk-along-stay.dat' index 2 using 1:2 with lines lt 3 lc rgb "#2ca02c" lw 2.0 dt (8,5) title "stay 1503 (survived)"

# Panel 2 of 2 (row 2, column 1)
set title "Lactate, as measured" font ",12"
set tmargin  # automatic
set xlabel "hours since admission"
set ylabel "lactate (mmol/l)"
unset logscale
set format x "% h"
set xrange [*:*]
set format y "% h"
set yrange [*:*]
set xtics autofreq
set grid xtics ytics linestyle 100
set key outside right top vertical reverse Left samplen 2.5 nobox
plot 'risk-along-stay.dat' index 3 using 1:2 with lines lt 1 lc rgb "#d62728" lw 2.5 title "stay 1501 (died)", \
     'risk-along-stay.dat' index 4 using 1:2 with lines lt 2 lc rgb "#ff7f0e" lw 2.0 title "stay 1502 (died)", \
     'risk-along-stay.dat' index 5 using 1:2 with lines lt 3 lc rgb "#2ca02c" lw 2.0 dt (8,5) title "stay 1503 (survived)"

unset multiplot
set output  # closes risk-along-stay.png
