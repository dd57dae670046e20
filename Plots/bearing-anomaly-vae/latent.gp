# Kusari figure
# Draws latent.png from latent.dat (one data block per series, chosen with index).
# To restyle it, edit this file and run it from its folder:  gnuplot latent.gp

# pngcairo draws smooth lines and text; the plain png terminal is the fallback without cairo.
if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
    set terminal pngcairo size 1000,700 noenhanced font "Sans,11"
} else {
    set terminal png size 1000,700 noenhanced font "Sans,11"
}
set output 'latent.png'
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
set title "LSTM-VAE latent means, two leading principal axes of the healthy ones" font ",12"
set tmargin  # automatic
set xlabel "axis 1"
set ylabel "axis 2"
unset logscale
set format x "% h"
set xrange [*:*]
set format y "% h"
set yrange [*:*]
set xtics autofreq
set grid xtics ytics linestyle 100
set key outside right top vertical reverse Left samplen 2.5 nobox
plot 'latent.dat' index 0 using 1:2 with points lt 1 lc rgb "#1f77b4" title "healthy", \
     'latent.dat' index 1 using 1:2 with points lt 2 lc rgb "#d62728" title "rho35", \
     'latent.dat' index 2 using 1:2 with points lt 3 lc rgb "#ff7f0e" title "sigma14", \
     'latent.dat' index 3 using 1:2 with points lt 4 lc rgb "#9467bd" title "rho30"

set output  # closes latent.png
