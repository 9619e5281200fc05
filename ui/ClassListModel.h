// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QColor>
#include <QVector>

#include <cstdint>

namespace cascadeclip::ui {

/// One user-defined class. `id` is what label maps store: stable across renames, reorders and removals, so saved
/// masks keep their meaning (ecosystem.md §3.1: keep ids stable across a project).
struct ClassEntry {
    std::uint16_t id = 0;
    QString name;
    QColor color;
    bool seen = false; // seen in training: the inductive setting shifts its score by -0.1
};

/**
 * The class panel's list: order = hotkey order (row 0 is key 1) and the order sent to the model.
 * Names are unique (case-insensitive) and non-empty. GUI thread only.
 */
class ClassListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        ColorRole,
        SeenRole,
        HotkeyRole, // 1..9, or 0 past the ninth class
    };

    explicit ClassListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;
    bool moveRows(const QModelIndex& sourceParent, int sourceRow, int count, const QModelIndex& destinationParent,
        int destinationChild) override;
    QHash<int, QByteArray> roleNames() const override;

    /// Appends a class; returns its row, or -1 when the name is empty or already present.
    int addClass(const QString& name, const QColor& color = {});
    /// Splits on commas and newlines, trims, adds the new names; returns how many were added.
    int addClasses(const QString& text);

    const QVector<ClassEntry>& classes() const { return m_classes; }
    const ClassEntry& at(int row) const { return m_classes.at(row); }
    int rowOfId(std::uint16_t id) const;
    int rowOfName(const QString& name) const;
    QStringList names() const;
    std::uint16_t nextId() const { return m_nextId; }
    /// Replaces everything (project loading). `nextId` must exceed every id in `classes`.
    void setClasses(const QVector<ClassEntry>& classes, std::uint16_t nextId);

    /// Reads labels.txt: one name per line; blank lines and labelme's `__ignore__`/`_background_` are skipped.
    bool importLabels(const QString& path, QString* error);
    /// Writes labels.txt, one name per line, in panel order.
    bool exportLabels(const QString& path, QString* error) const;

    /// Distinct colours for new classes, cycling after the palette's end.
    static QColor paletteColor(int index);

private:
    QVector<ClassEntry> m_classes;
    std::uint16_t m_nextId = 0;
};

} // namespace cascadeclip::ui
