(error "something bad:" 42 (list "x" (quote y)))
(lambda (n) #t)
