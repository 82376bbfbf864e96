# Sourced by ./mvnw and ./lurcher: find a JDK 25 or newer and export JAVA_HOME.
# Order: JAVA_HOME if it is 25+, then the machine's Temurin 25; otherwise say what is missing.
lurcher_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
lurcher_find_jdk() {
  for candidate in "${JAVA_HOME-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$(lurcher_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      JAVA_HOME=$candidate
      export JAVA_HOME
      return 0
    fi
  done
  echo "lurcher: needs JDK 25 or newer. JAVA_HOME is '${JAVA_HOME-}' (not 25+) and /usr/lib/jvm/temurin-25-jdk-amd64 is missing." >&2
  echo "lurcher: install a JDK 25 (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}
lurcher_find_jdk || exit 1
