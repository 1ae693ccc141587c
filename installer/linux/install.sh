#!/bin/sh
# Installs Accueil TI for the current user, without administrator rights:
#   the program in ~/.local/opt/accueil-ti, the command ~/.local/bin/accueil-ti,
#   the menu entry and the icon under ~/.local/share.
# Run it again from a newer release to upgrade: the program is replaced; the agent's data
# (~/.local/share/accueil-ti), settings (~/.config/Help! Bretagne) and the keys kept in the
# desktop keyring are never touched.
#   sh install.sh              install or upgrade
#   sh install.sh --uninstall  remove the program, its menu entry and icon (data are kept)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${ACCUEIL_TI_PREFIX:-$HOME/.local}
opt="$prefix/opt/accueil-ti"
bin="$prefix/bin/accueil-ti"
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
entry="$data_home/applications/accueil-ti.desktop"
icon="$data_home/icons/hicolor/256x256/apps/accueil-ti.png"

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt" "$bin" "$entry" "$icon"
  echo "Accueil TI est désinstallé. Les données de l’agent restent dans $data_home/accueil-ti."
  exit 0
fi
if [ ! -x "$here/accueil-ti" ] || [ ! -d "$here/_internal" ]; then
  echo "install.sh : lancez ce script depuis le dossier décompressé de la version." >&2
  exit 1
fi

# The new program is copied beside the old one, then swapped in: an interrupted upgrade leaves
# the previous version working.
mkdir -p "$prefix/opt" "$prefix/bin" "$data_home/applications" "$(dirname "$icon")"
rm -rf "$opt.new" "$opt.old"
mkdir "$opt.new"
cp -R "$here/accueil-ti" "$here/_internal" "$opt.new/"
[ -d "$opt" ] && mv "$opt" "$opt.old"
mv "$opt.new" "$opt"
rm -rf "$opt.old"

ln -sf "$opt/accueil-ti" "$bin"
cp "$here/accueil-ti.png" "$icon"
sed "s|^Exec=accueil-ti |Exec=\"$opt/accueil-ti\" |" "$here/accueil-ti.desktop" > "$entry"
command -v update-desktop-database >/dev/null 2>&1 &&
  update-desktop-database -q "$data_home/applications" 2>/dev/null || true

version=$("$opt/accueil-ti" --version 2>/dev/null || echo "accueil-ti")
echo "$version est installé dans $opt."
echo "Menu : Bureautique › Accueil TI ; commande : $bin"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Ajoutez $prefix/bin à votre PATH pour lancer « accueil-ti » depuis un terminal." ;;
esac
