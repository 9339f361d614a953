module zsync.io/peers

go 1.19
