# cmake -D IN=FILE -D OUT=FILE.gz -P gzip.cmake: compresses like `gzip -9n`, without the name and
# time stamp, so the man page in the package is the same on every build. Where there is no gzip
# program it falls back to CMake's own gzip, which stores the time.
find_program(GZIP_EXECUTABLE gzip)
if(GZIP_EXECUTABLE)
  execute_process(COMMAND ${GZIP_EXECUTABLE} -9 -n -c ${IN} OUTPUT_FILE ${OUT} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip ${IN} failed (${rc})")
  endif()
else()
  file(ARCHIVE_CREATE OUTPUT ${OUT} PATHS ${IN} FORMAT raw COMPRESSION GZip COMPRESSION_LEVEL 9)
endif()
