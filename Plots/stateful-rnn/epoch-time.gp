# Kusari figure
# Draws epoch-time.png from epoch-time.dat (one data block per series, chosen with index).
# To restyle it, edit this file and run it from its folder:  gnuplot epoch-time.gp

# pngcairo draws smooth lines and text; the plain png terminal is the fallback without cairo.
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
    set terminal pngcairo size 1200,450 noenhanced font "Sans,11"
} else {
    set terminal png size 1200,450 noenhanced font "Sans,11"
}
set output 'epoch-time.png'
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
set multiplot layout 1,2 rowsfirst

# Panel 1 of 2 (row 1, column 1)
set title "Seattle: time per epoch (1458 updates)" font ",12"
set tmargin  # automatic
set xlabel "epoch"
set ylabel "seconds (thick: wall clock, thin: CPU)"
unset logscale
set format x "% h"
set xrange [0.8:3.2]
set format y "% h"
set yrange [0.0:0.3771009922027588]
set xtics 1.0
set grid xtics ytics linestyle 100
set key outside below center horizontal reverse Left samplen 2.5 nobox height 1
plot 'epoch-time.dat' index 0 using 1:2 with linespoints lt 1 lc rgb "#1f77b4" title "stateless: wall clock", \
     'epoch-time.dat' index 1 using 1:2 with linespoints lt 2 lc rgb "#ff7f0e" dt (8,5) title "stateful: wall clock", \
     'epoch-time.dat' index 2 using 1:2 with linespoints lt 3 lc rgb "#2ca02c" dt (8,4,1,4) title "stateful, Keras layout: wall clock", \
     'epoch-time.dat' index 3 using 1:2 with linespoints lt 4 lc rgb "#1f77b4" lw 1.0 ps 0.5 dt (2,3) title "stateless: CPU", \
     'epoch-time.dat' index 4 using 1:2 with linespoints lt 5 lc rgb "#ff7f0e" lw 1.0 ps 0.5 dt (2,3) title "stateful: CPU", \
     'epoch-time.dat' index 5 using 1:2 with linespoints lt 6 lc rgb "#2ca02c" lw 1.0 ps 0.5 dt (2,3) title "stateful, Keras layout: CPU"

# Panel 2 of 2 (row 1, column 2)
set title "synthetic: time per epoch (14599 updates)" font ",12"
set tmargin  # automatic
set xlabel "epoch"
set ylabel "seconds (thick: wall clock, thin: CPU)"
unset logscale
set format x "% h"
set xrange [0.8:3.2]
set format y "% h"
set yrange [0.0:3.251668739318848]
set xtics 1.0
set grid xtics ytics linestyle 100
set key outside below center horizontal reverse Left samplen 2.5 nobox height 1
plot 'epoch-time.dat' index 6 using 1:2 with linespoints lt 1 lc rgb "#1f77b4" title "stateless: wall clock", \
     'epoch-time.dat' index 7 using 1:2 with linespoints lt 2 lc rgb "#ff7f0e" dt (8,5) title "stateful: wall clock", \
     'epoch-time.dat' index 8 using 1:2 with linespoints lt 3 lc rgb "#1f77b4" lw 1.0 ps 0.5 dt (2,3) title "stateless: CPU", \
     'epoch-time.dat' index 9 using 1:2 with linespoints lt 4 lc rgb "#ff7f0e" lw 1.0 ps 0.5 dt (2,3) title "stateful: CPU"

unset multiplot
set output  # closes epoch-time.png
