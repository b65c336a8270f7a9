#!/usr/bin/env bash
# The consumer check: builds a project the way a Praxis user does (consumer/app: a plain pom, no
# parent, no -parameters, praxis-bom imported) against the artifacts this build just packaged,
# and checks what each artifact brings against consumer/footprint.txt.
#
#   consumer/run.sh [REPO]   REPO: the local repository the build used (default ~/.m2/repository);
#                            it serves the third-party jars, read-only, as a file:// mirror.
#
# Run by the praxis-consumer-check module in `mvn verify`, after every artifact is packaged.
# The Praxis artifacts go into a private repository under consumer/target, never into REPO.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
source_repo="$(cd "${1:-$HOME/.m2/repository}" && pwd)"
work="$here/target"
repo="$work/m2"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mvn_cmd="${MVN:-mvn}"
export OPT_OUT_TRACKING=true

version="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
rm -rf "$repo/dev/praxis" "$work/footprint"
mkdir -p "$repo" "$work/footprint"

# the build's repository as the only remote: nothing leaves the machine, REPO is never written
cat > "$work/settings.xml" <<XML
<settings>
  <mirrors>
    <mirror><id>build-repository</id><mirrorOf>*</mirrorOf><url>file://$source_repo</url></mirror>
  </mirrors>
</settings>
XML
# -U: a jar missing from REPO on an earlier run may be there now (resolution failures are cached)
mvn_run() { "$mvn_cmd" -B -U -s "$work/settings.xml" -Dmaven.repo.local="$repo" "$@"; }

# "install" the packaged artifacts into the private repository
stage() { # artifactId pom [jar]
  local dir="$repo/dev/praxis/$1/$version"
  mkdir -p "$dir"
  cp "$2" "$dir/$1-$version.pom"
  if [[ $# -ge 3 ]]; then cp "$3" "$dir/$1-$version.jar"; fi
}
stage praxis-parent "$root/pom.xml"
stage praxis-bom "$root/praxis-bom/pom.xml"

# every module of the root pom (the default build's list, not the profiles') is a user artifact
# with a budget, or listed as not-for-users in footprint.txt
modules="$(awk '/<modules>/ {inside = 1; next} /<\/modules>/ {exit} inside' "$root/pom.xml" \
  | sed -n 's:.*<module>\(.*\)</module>.*:\1:p')"
artifacts=()
module_names=()
for module in $modules; do
  pom="$root/$module/pom.xml"
  id="$(sed -n 's:^  <artifactId>\(.*\)</artifactId>.*:\1:p' "$pom" | head -1)"
  packaging="$(sed -n 's:^  <packaging>\(.*\)</packaging>.*:\1:p' "$pom" | head -1)"
  if [[ "${packaging:-jar}" != jar ]]; then
    stage "$id" "$pom"
    continue
  fi
  jar="$root/$module/target/$id-$version.jar"
  if [[ ! -f "$jar" ]]; then
    echo "consumer check: $jar is missing: add $id to consumer/pom.xml's dependencies so it is built first" >&2
    exit 1
  fi
  stage "$id" "$pom" "$jar"
  # a JPMS name of its own for every jar (internal packages stay unexported: ModuleBoundaries)
  module_name="$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Automatic-Module-Name: *//p')"
  if ! [[ "$module_name" =~ ^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$ ]] || [[ " ${module_names[*]:-} " == *" $module_name "* ]]; then
    echo "consumer check: $id's Automatic-Module-Name '$module_name' is missing, invalid or taken: set praxis.module.name in $module/pom.xml" >&2
    exit 1
  fi
  module_names+=("$module_name")
  if grep -Eq "^(not-for-users|unchecked) .*\b$id\b" "$here/footprint.txt"; then continue; fi
  artifacts+=("$id")
  mkdir -p "$work/footprint/$id"
  cat > "$work/footprint/$id/pom.xml" <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example.footprint</groupId>
  <artifactId>uses-$id</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencyManagement><dependencies><dependency>
    <groupId>dev.praxis</groupId><artifactId>praxis-bom</artifactId><version>$version</version>
    <type>pom</type><scope>import</scope>
  </dependency></dependencies></dependencyManagement>
  <dependencies><dependency><groupId>dev.praxis</groupId><artifactId>$id</artifactId></dependency></dependencies>
</project>
XML
done

# one project per artifact, resolved in one Maven run
{
  echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
  echo '<groupId>com.example.footprint</groupId><artifactId>all</artifactId><version>1</version><packaging>pom</packaging><modules>'
  for id in "${artifacts[@]}"; do echo "<module>$id</module>"; done
  echo '</modules></project>'
} > "$work/footprint/pom.xml"
echo "== consumer check: runtime footprint of ${artifacts[*]}"
mvn_run -f "$work/footprint/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list \
  -DincludeScope=runtime -DoutputAbsoluteArtifactFilename=true -DoutputFile=runtime.txt -DexcludeTransitive=false \
  > "$work/footprint.log" 2>&1 || { cat "$work/footprint.log"; exit 1; }
"$java" "$here/Footprint.java" "$here/footprint.txt" "$work/footprint" "$repo" "${artifacts[@]}"

echo "== consumer check: compile and run consumer/app (agent-core + agent-memory, no -parameters)"
rm -rf "$here/app/target"
mvn_run -f "$here/app/pom.xml" compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime > "$work/app.log" 2>&1 \
  || { cat "$work/app.log"; exit 1; }
"$java" -DOPT_OUT_TRACKING=true -Dai.djl.offline=true \
  -cp "$here/app/target/classes:$(cat "$here/app/target/classpath.txt")" com.example.consumer.Main
